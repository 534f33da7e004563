// Malformed and hostile lockfiles: each is a clear error naming the file (and the line where
// the format allows), never a crash, a hang or a value that could steer a request.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error';
import { readLockfile } from './read-lockfile';

const dir = mkdtempSync(join(tmpdir(), 'provenance-lens-hostile-'));
let n = 0;
function lockfile(name: string, text: string | Buffer): string {
  const folder = join(dir, String(n++));
  const path = join(folder, name);
  mkdirSync(folder);
  writeFileSync(path, text);
  return path;
}

function errorOf(path: string): CliError {
  try {
    readLockfile(path);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('no error');
}

const SRI = `sha512-${'A'.repeat(86)}==`;

describe('hostile lockfiles', () => {
  it('a duplicate key in package-lock.json names the file and line', () => {
    const text = `{\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/a": {"version": "1.0.0"},\n    "node_modules/a": {"version": "6.6.6"}\n  }\n}\n`;
    const path = lockfile('package-lock.json', text);
    const error = errorOf(path);
    expect(error.kind).toBe('input');
    expect(error.message).toBe(`${path}:5: duplicate key "node_modules/a"`);
  });

  it('deep nesting is refused before any parser recurses (JSON, YAML, TOML)', () => {
    const deep = `{"lockfileVersion": 3, "packages": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(errorOf(lockfile('package-lock.json', deep)).message).toMatch(/:1: nested deeper than 64 levels$/);
    expect(errorOf(lockfile('pnpm-lock.yaml', `lockfileVersion: '9.0'\npackages: ${'['.repeat(100_000)}\n`)).message).toMatch(/:2: nested deeper than 64 levels$/);
    expect(errorOf(lockfile('uv.lock', `version = 1\nx = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`)).message).toMatch(/not valid TOML/);
  });

  it('wrong types are errors, not crashes', () => {
    expect(errorOf(lockfile('package-lock.json', '[]')).message).toMatch(/not a package-lock object/);
    expect(errorOf(lockfile('package-lock.json', '{"lockfileVersion": 3, "packages": {"node_modules/a": "x"}}')).message).toMatch(/is not an object/);
    expect(errorOf(lockfile('uv.lock', 'version = 1\npackage = "x"\n')).message).toMatch(/not an array of tables/);
    expect(errorOf(lockfile('pnpm-lock.yaml', "lockfileVersion: '9.0'\npackages:\n  a@1.0.0: 5\n")).message).toMatch(/is not a mapping/);
  });

  it('names with path or URL tricks are refused by the registry grammar', () => {
    const entry = (name: string) => JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/x': { name, version: '1.0.0', resolved: 'https://registry.npmjs.org/x/-/x-1.0.0.tgz', integrity: SRI } } });
    for (const name of ['../../admin', 'https://evil.example/x', 'a/../../b', '@s/../x', 'x?y=1', 'x#frag', 'x%2f..']) {
      expect(errorOf(lockfile('package-lock.json', entry(name))).message).toMatch(/is not a valid npm package name/);
    }
    const version = JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/x': { version: '1.0.0/../../y', resolved: 'https://registry.npmjs.org/x/-/x-1.0.0.tgz' } } });
    expect(errorOf(lockfile('package-lock.json', version)).message).toMatch(/is not a valid npm version/);
    expect(errorOf(lockfile('requirements.txt', 'evil/../x==1.0\n')).message).toMatch(/requirements\.txt:1: line 1: "evil\/\.\.\/x==1\.0" is not a requirement/);
  });

  it('duplicate keys in YAML, TOML and classic yarn.lock name the line', () => {
    expect(errorOf(lockfile('pnpm-lock.yaml', `lockfileVersion: '9.0'\npackages:\n  a@1.0.0:\n    resolution: {integrity: ${SRI}}\n  a@1.0.0:\n    resolution: {integrity: ${SRI}}\n`)).message).toMatch(/pnpm-lock\.yaml:5: not valid YAML \(DUPLICATE_KEY/);
    expect(errorOf(lockfile('uv.lock', 'version = 1\nversion = 2\n')).message).toMatch(/uv\.lock:2: not valid TOML/);
    const yarn = `# yarn lockfile v1\n\n\na@^1:\n  version "1.0.0"\n\na@^1:\n  version "6.6.6"\n`;
    expect(errorOf(lockfile('yarn.lock', yarn)).message).toMatch(/yarn\.lock:7: duplicate entry "a@\^1"/);
  });

  it('non-UTF-8 bytes, an unknown file name and a missing file are input errors', () => {
    expect(errorOf(lockfile('package-lock.json', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))).message).toMatch(/not UTF-8 text/);
    expect(errorOf(lockfile('Gemfile.lock', '')).message).toMatch(/unknown lockfile kind/);
    expect(errorOf(join(dir, 'missing', 'uv.lock')).message).toMatch(/no such file/);
  });

  it('a YAML alias bomb and a file over the size limit are refused without expanding or reading them', () => {
    const bomb = ['lockfileVersion: \'9.0\'', 'a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    expect(errorOf(lockfile('pnpm-lock.yaml', `${bomb.join('\n')}\n`)).message).toMatch(/not usable YAML .*alias/i);
    expect(errorOf(lockfile('yarn.lock', Buffer.alloc(33 * 1024 * 1024, 0x20))).message).toMatch(/is larger than 32 MiB$/);
  });

  it('a lockfile of 60,000 entries is refused by count, quickly', () => {
    const packages: Record<string, unknown> = {};
    for (let i = 0; i < 60_000; i++) packages[`node_modules/p${i}`] = { version: '1.0.0', resolved: 'https://registry.npmjs.org/p/-/p-1.0.0.tgz' };
    const started = Date.now();
    expect(errorOf(lockfile('package-lock.json', JSON.stringify({ lockfileVersion: 3, packages }))).message).toMatch(/more than 50000 packages/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
