// The npm lockfile readers on small lockfiles written here in each format's real structure.
import { describe, expect, it } from 'vitest';
import { parseNpmPackageLock } from './npm-package-lock';
import { parsePnpmLock, splitPnpmKey } from './pnpm-lock';
import { parseYarnLock } from './yarn-lock';

const SRI = `sha512-${'A'.repeat(86)}==`;
const tgz = (name: string, version: string) => `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${version}.tgz`;

describe('package-lock.json / npm-shrinkwrap.json', () => {
  const lock = (version: number, packages: Record<string, unknown>) => JSON.stringify({ name: 'app', lockfileVersion: version, requires: true, packages: { '': { name: 'app' }, ...packages } }, null, 2);

  it('reads v2 and v3 entries, nested installs, scoped names and aliases by their real name', () => {
    for (const version of [2, 3]) {
      const parsed = parseNpmPackageLock(
        lock(version, {
          'node_modules/a': { version: '1.0.0', resolved: tgz('a', '1.0.0'), integrity: SRI },
          'node_modules/a/node_modules/@s/b': { version: '2.0.0', resolved: tgz('@s/b', '2.0.0'), integrity: SRI },
          'node_modules/alias': { name: 'real', version: '3.0.0', resolved: tgz('real', '3.0.0'), integrity: SRI },
        }),
      );
      expect(parsed.format).toBe(`package-lock.json v${version}`);
      expect(parsed.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['a@1.0.0', '@s/b@2.0.0', 'real@3.0.0']);
      expect(parsed.packages[0]?.integrity).toBe(SRI);
    }
  });

  it('lists git, file, other-registry, bundled and workspace entries as not from the registry', () => {
    const parsed = parseNpmPackageLock(
      lock(3, {
        'node_modules/g': { version: '1.0.0', resolved: 'git+ssh://git@github.com/o/g.git#abc' },
        'node_modules/f': { version: '1.0.0', resolved: 'file:../f' },
        'node_modules/m': { version: '1.0.0', resolved: 'https://npm.example.com/m/-/m-1.0.0.tgz', integrity: SRI },
        'node_modules/a': { version: '1.0.0', resolved: tgz('a', '1.0.0'), integrity: SRI },
        'node_modules/a/node_modules/inner': { version: '1.0.0', inBundle: true },
        'node_modules/w': { resolved: 'packages/w', link: true },
        'packages/w': { name: 'w', version: '0.0.1' },
      }),
    );
    expect(parsed.packages.map((p) => p.name)).toEqual(['a']);
    expect(parsed.other.map((o) => `${o.name}:${o.source}`)).toEqual(['g:git', 'f:file', 'm:other registry', 'inner:bundled', 'w:workspace', 'w:workspace']);
  });

  it('counts tarballs on the configured registry base as the registry', () => {
    const parsed = parseNpmPackageLock(lock(3, { 'node_modules/m': { version: '1.0.0', resolved: 'https://npm.example.com/m/-/m-1.0.0.tgz' } }), { npmOrigin: 'https://npm.example.com' });
    expect(parsed.packages.map((p) => p.name)).toEqual(['m']);
  });

  it('refuses lockfileVersion 1 and names outside the npm grammar', () => {
    expect(() => parseNpmPackageLock(JSON.stringify({ lockfileVersion: 1, dependencies: {} }))).toThrow(/lockfileVersion "1" is not supported/);
    expect(() => parseNpmPackageLock(lock(3, { 'node_modules/../../etc': { version: '1.0.0', resolved: tgz('x', '1.0.0') } }))).toThrow(/not a valid npm package name/);
  });
});

describe('pnpm-lock.yaml', () => {
  it('splits the keys of lockfile versions 5, 6 and 9', () => {
    expect(splitPnpmKey('/@s/b/1.2.3_react@18.0.0', 5)).toEqual({ name: '@s/b', version: '1.2.3' });
    expect(splitPnpmKey('/@s/b@1.2.3(react@18.0.0)', 6)).toEqual({ name: '@s/b', version: '1.2.3' });
    expect(splitPnpmKey('lodash@4.17.21', 9)).toEqual({ name: 'lodash', version: '4.17.21' });
  });

  it('reads v9 packages with their integrity and lists tarball and git resolutions as not from the registry', () => {
    const text = [
      "lockfileVersion: '9.0'",
      '',
      'importers:',
      '  .:',
      '    dependencies:',
      '      lodash:',
      '        specifier: ^4.17.21',
      '        version: 4.17.21',
      '',
      'packages:',
      '',
      '  lodash@4.17.21:',
      `    resolution: {integrity: ${SRI}}`,
      '',
      "  '@s/b@1.0.0':",
      `    resolution: {integrity: ${SRI}}`,
      '',
      "  g@https://codeload.github.com/o/g/tar.gz/abc:",
      '    resolution: {tarball: https://codeload.github.com/o/g/tar.gz/abc}',
      '    version: 1.0.0',
      '',
      "  h@git+https://github.com/o/h.git#abc:",
      '    resolution: {commit: abc, repo: https://github.com/o/h.git, type: git}',
      '    version: 1.0.0',
      '',
    ].join('\n');
    const parsed = parsePnpmLock(text);
    expect(parsed.format).toBe('pnpm-lock.yaml v9');
    expect(parsed.packages).toEqual([
      { registry: 'npm', name: 'lodash', version: '4.17.21', integrity: SRI },
      { registry: 'npm', name: '@s/b', version: '1.0.0', integrity: SRI },
    ]);
    expect(parsed.other.map((o) => `${o.name}:${o.source}`)).toEqual(['g:git', 'h:git']);
  });

  it('reads v6 keys with a leading slash and peer suffixes', () => {
    const text = `lockfileVersion: '6.0'\n\npackages:\n\n  /react-dom@18.2.0(react@18.2.0):\n    resolution: {integrity: ${SRI}}\n    dev: false\n`;
    expect(parsePnpmLock(text).packages).toEqual([{ registry: 'npm', name: 'react-dom', version: '18.2.0', integrity: SRI }]);
  });
});

describe('yarn.lock', () => {
  it('classic: one entry per resolution, aliases by their real name, integrity kept', () => {
    const text = [
      '# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.',
      '# yarn lockfile v1',
      '',
      '',
      '"@s/b@^1.0.0", "@s/b@^1.1.0":',
      '  version "1.1.0"',
      `  resolved "https://registry.yarnpkg.com/@s/b/-/b-1.1.0.tgz#0123456789abcdef0123456789abcdef01234567"`,
      `  integrity ${SRI}`,
      '',
      '"string-width-cjs@npm:string-width@^4.2.0":',
      '  version "4.2.3"',
      `  resolved "https://registry.yarnpkg.com/string-width/-/string-width-4.2.3.tgz"`,
      `  integrity ${SRI}`,
      '',
      '"g@github:o/g":',
      '  version "1.0.0"',
      '  resolved "https://codeload.github.com/o/g/tar.gz/abc"',
      '',
    ].join('\n');
    const parsed = parseYarnLock(text);
    expect(parsed.format).toBe('yarn.lock v1');
    expect(parsed.packages).toEqual([
      { registry: 'npm', name: '@s/b', version: '1.1.0', integrity: SRI },
      { registry: 'npm', name: 'string-width', version: '4.2.3', integrity: SRI },
    ]);
    expect(parsed.other.map((o) => `${o.name}:${o.source}`)).toEqual(['g:git']);
  });

  it('berry: npm: resolutions checked without a binding digest; workspace, patch and git listed', () => {
    const text = [
      '# This file is generated by running "yarn install" inside your project.',
      '',
      '__metadata:',
      '  version: 8',
      '  cacheKey: 10c0',
      '',
      '"lodash@npm:^4.17.21":',
      '  version: 4.17.21',
      '  resolution: "lodash@npm:4.17.21"',
      '  checksum: 10c0/abcdef',
      '  languageName: node',
      '  linkType: hard',
      '',
      '"app@workspace:.":',
      '  version: 0.0.0-use.local',
      '  resolution: "app@workspace:."',
      '  languageName: unknown',
      '  linkType: soft',
      '',
      '"resolve@patch:resolve@npm%3A^1.22.1#optional!builtin<compat/resolve>":',
      '  version: 1.22.8',
      '  resolution: "resolve@patch:resolve@npm%3A1.22.8#optional!builtin<compat/resolve>::version=1.22.8&hash=c3c19d"',
      '',
    ].join('\n');
    const parsed = parseYarnLock(text);
    expect(parsed.packages).toEqual([{ registry: 'npm', name: 'lodash', version: '4.17.21' }]);
    expect(parsed.other.map((o) => `${o.name}:${o.source}`)).toEqual(['app:workspace', 'resolve:patched']);
  });
});
