// Review 5: a repository can commit its lockfile (or its pins file) as a symlink, for example
// to /dev/zero or /dev/stdin. statSync() reports size 0 for such files, so the 32 MiB limit does
// not apply and readFileSync() never ends: with /dev/zero the audit grew past 4.5 GB of memory
// in 40 s; with a FIFO it blocks forever. Either way CI hangs. An input that is not a regular
// file must be refused at once: exit 2, naming the file. (A FIFO stands in for /dev/zero here,
// so the test costs no memory when it fails.)
import { execFile } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { BIN, REPO_ROOT } from './testing/run-cli';

function run(args: string[]): Promise<{ code: number | string | null; stderr: string }> {
  const cache = mkdtempSync(join(tmpdir(), 'review5-cache-'));
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, timeout: 15_000, killSignal: 'SIGKILL', env: { ...process.env, XDG_CACHE_HOME: cache, NO_COLOR: '1' } }, (error, _stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : (error.signal ?? 'killed')) : 0, stderr: String(stderr) });
    });
  });
}

function fifo(dir: string): string {
  const path = join(dir, 'fifo');
  execFileSync('mkfifo', [path]);
  return path;
}

it('package-lock.json as a symlink to a FIFO: exit 2 naming the file, no hang', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'review5-fifo-'));
  const lock = join(dir, 'package-lock.json');
  symlinkSync(fifo(dir), lock);
  const started = Date.now();
  const result = await run(['audit', lock, '--offline']);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(lock);
  expect(Date.now() - started).toBeLessThan(10_000);
}, 30_000);

it('--pins as a symlink to a FIFO: exit 2 naming the file, no hang', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'review5-fifo-'));
  const lock = join(dir, 'uv.lock');
  writeFileSync(lock, 'version = 1\n');
  const pins = join(dir, 'pins.json');
  symlinkSync(fifo(dir), pins);
  const result = await run(['audit', lock, '--offline', '--pins', pins]);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(pins);
}, 30_000);
