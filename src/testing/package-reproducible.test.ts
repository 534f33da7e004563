// `npm run package` gives byte-identical zips for the same files (issue 18.10): people rebuild a
// release from its tag and compare the SHA-256 with the attested one. web-ext's packer failed
// this through what a rebuild cannot reproduce: the time of the run, the order files were found
// in, and folder entries. Each test changes one of those between two trees of the same files.
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../cli/testing/run-cli';

interface PackageScript {
  ZIP_DATE: Date;
  filesUnder(dir: string): string[];
  zipBytes(baseDir: string, files: string[]): Promise<Buffer>;
}

// A plain .mjs script has no type declarations: imported by URL and typed here.
const script = (await import(pathToFileURL(join(REPO_ROOT, 'scripts/package.mjs')).href)) as PackageScript;

const FILES: Record<string, string | Buffer> = {
  'manifest.json': '{"manifest_version":3,"version":"0.1.0"}',
  'assets/worker.js': 'export const a = 1;\n',
  'assets/Z.js': 'export const b = 2;\n',
  'src/popup/index.html': '<!doctype html><title>p</title>',
  'icons/icon-16.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]),
};

let scratch = '';
let trees = 0;

/** Writes FILES into a new folder in `order`, every file and folder dated `mtime`, with `mode`. */
function tree(order: string[], mtime: Date, mode: number, content: Record<string, string | Buffer> = FILES): string {
  const dir = join(scratch, `tree-${trees++}`);
  for (const name of order) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content[name] ?? '');
    chmodSync(path, mode);
    utimesSync(path, mtime, mtime);
    utimesSync(dirname(path), mtime, mtime);
  }
  return dir;
}

async function zipAt(now: Date, dir: string): Promise<Buffer> {
  vi.useFakeTimers({ toFake: ['Date'], now });
  try {
    return await script.zipBytes(dir, script.filesUnder(dir));
  } finally {
    vi.useRealTimers();
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const names = Object.keys(FILES);

describe('scripts/package.mjs zips', () => {
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'provenance-lens-package-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  afterEach(() => vi.useRealTimers());

  it('the same files, written in another order, at other times, with other modes, zipped on another day, give the same bytes', async () => {
    const first = tree(names, new Date('2001-02-03T04:05:06Z'), 0o644);
    const second = tree([...names].reverse(), new Date('2031-12-30T23:59:58Z'), 0o600);
    const a = await zipAt(new Date('2024-06-01T10:00:00Z'), first);
    const b = await zipAt(new Date('2030-01-01T00:00:01Z'), second);
    expect(sha256(b)).toBe(sha256(a));
  });

  it('a one-byte change in one file changes the digest', async () => {
    const mtime = new Date('2020-01-01T00:00:00Z');
    const changed = { ...FILES, 'assets/worker.js': 'export const a = 2;\n' };
    const a = await zipAt(mtime, tree(names, mtime, 0o644));
    const b = await zipAt(mtime, tree(names, mtime, 0o644, changed));
    expect(sha256(b)).not.toBe(sha256(a));
  });

  it('the archive holds the files alone, in code-unit order, each dated ZIP_DATE, with the contents given', async () => {
    const dir = tree(names, new Date('2011-11-11T11:11:11Z'), 0o755);
    const zip = await JSZip.loadAsync(await zipAt(new Date('2027-07-07T07:07:07Z'), dir));
    const entries = Object.values(zip.files);
    expect(entries.map((e) => e.name)).toEqual([...names].sort());
    expect(entries.filter((e) => e.dir)).toEqual([]);
    for (const entry of entries) {
      expect(entry.date.getTime(), entry.name).toBe(script.ZIP_DATE.getTime());
      expect(Buffer.from(await entry.async('uint8array')).equals(Buffer.from(FILES[entry.name] ?? 'missing'))).toBe(true);
    }
  });
});
