// File reading for the CLI. A file that cannot be read is the caller's problem (exit 2); a
// readable file whose JSON is malformed is judged by the command that owns it, because for
// attestations and bundles malformed bytes are a verdict, while for trust material they are not.
//
// Every input is read by readRegularFile(), safely against what a repository can commit in its
// place: a symlink to /dev/zero, /dev/stdin or a FIFO. stat() reports 0 bytes for those, so a
// size check before readFileSync() let an endless read through (CI hangs, memory grows without
// bound). Instead: open without blocking, fstat the opened descriptor (the very file that will
// be read, not whatever the path names a moment later), refuse anything but a regular file,
// and read at most limit + 1 bytes whatever the size said.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { inputError } from './cli-error';

/** Far above any real bundle or trusted root; stops a mistaken path to a disk image early. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;
/** An artifact to verify: readFileSync()'s own ceiling, which the CLI had before. */
const MAX_ARTIFACT_BYTES = 2 * 1024 * 1024 * 1024;

export function readInputBytes(path: string, label: string): Uint8Array {
  return readRegularFile(path, label, MAX_ARTIFACT_BYTES);
}

export function readInputText(path: string, label: string): string {
  return readRegularFile(path, label, MAX_JSON_BYTES).toString('utf8');
}

const CHUNK = 1024 * 1024;

/** `label` names the input in messages (`--pins file`); the path is always shown, JSON-quoted. */
export function readRegularFile(path: string, label: string, limit: number): Buffer {
  const shownPath = `${label} ${JSON.stringify(path)}`;
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw inputError(`cannot read ${shownPath}: ${readFailure(error)}`, error);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw inputError(`cannot read ${shownPath}: is a directory`);
    if (!stat.isFile()) throw inputError(`cannot read ${shownPath}: not a regular file`);
    if (stat.size > limit) throw inputError(`${shownPath} is larger than ${sizeText(limit)}`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // The stated size (+1 to see the end) in one read, then chunks if the file grew; never
      // more than limit + 1 bytes in all: one byte past the limit is enough to refuse.
      const want = total === 0 ? Math.max(stat.size + 1, CHUNK) : CHUNK;
      const chunk = Buffer.allocUnsafe(Math.min(want, limit + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > limit) throw inputError(`${shownPath} is larger than ${sizeText(limit)}`);
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof Error && error.name === 'CliError') throw error;
    throw inputError(`cannot read ${shownPath}: ${readFailure(error)}`, error);
  } finally {
    closeSync(fd);
  }
}

function sizeText(limit: number): string {
  return limit % (1024 * 1024) === 0 ? `${limit / 1024 / 1024} MiB` : `${limit} bytes`;
}

function readFailure(error: unknown): string {
  if (error !== null && typeof error === 'object' && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'EISDIR') return 'is a directory';
    if (typeof code === 'string') return code;
  }
  return error instanceof Error ? (error.message.split('\n')[0] ?? 'unreadable') : 'unreadable';
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; message: string };

export function parseJsonText(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: `not valid JSON: ${reason(error)}` };
  }
}

/** For inputs the user vouches for (trust material, version documents): bad JSON is exit 2. */
export function readTrustedJson(path: string, label: string): unknown {
  const parsed = parseJsonText(readInputText(path, label));
  if (!parsed.ok) throw inputError(`${label} ${JSON.stringify(path)} is ${parsed.message}`);
  return parsed.value;
}

function reason(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? 'unreadable') : 'unreadable';
}
