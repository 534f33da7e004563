// File reading for the CLI. A file that cannot be read is the caller's problem (exit 2); a
// readable file whose JSON is malformed is judged by the command that owns it, because for
// attestations and bundles malformed bytes are a verdict, while for trust material they are not.
import { readFileSync, statSync } from 'node:fs';
import { inputError } from './cli-error';

/** Far above any real bundle or trusted root; stops a mistaken path to a disk image early. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;

export function readInputBytes(path: string, label: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw inputError(`cannot read ${label} ${JSON.stringify(path)}: ${reason(error)}`, error);
  }
}

export function readInputText(path: string, label: string): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw inputError(`cannot read ${label} ${JSON.stringify(path)}: ${reason(error)}`, error);
  }
  if (size > MAX_JSON_BYTES) throw inputError(`${label} ${JSON.stringify(path)} is larger than 64 MiB`);
  return Buffer.from(readInputBytes(path, label)).toString('utf8');
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
  if (error !== null && typeof error === 'object' && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'EISDIR') return 'is a directory';
    if (typeof code === 'string') return code;
  }
  return error instanceof Error ? (error.message.split('\n')[0] ?? 'unreadable') : 'unreadable';
}
