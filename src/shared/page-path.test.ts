import { describe, expect, it } from 'vitest';
import { parseNpmPath, parsePypiPath } from './page-path';

describe('parsePypiPath', () => {
  it('reads latest and versioned project pages, trailing slash optional', () => {
    expect(parsePypiPath('/project/pypi-attestations/', '')).toEqual({
      kind: 'package',
      pkg: { registry: 'pypi', name: 'pypi-attestations' },
    });
    expect(parsePypiPath('/project/Django', '')).toEqual({ kind: 'package', pkg: { registry: 'pypi', name: 'Django' } });
    expect(parsePypiPath('/project/sampleproject/4.0.0/', '')).toEqual({
      kind: 'package',
      pkg: { registry: 'pypi', name: 'sampleproject', version: '4.0.0' },
    });
    expect(parsePypiPath('/project/foo/1.0rc1+local.1', '')).toMatchObject({ pkg: { version: '1.0rc1+local.1' } });
  });

  it('knows the search page', () => {
    expect(parsePypiPath('/search/', '?q=sigstore')).toEqual({ kind: 'search' });
    expect(parsePypiPath('/search', '')).toEqual({ kind: 'search' });
  });

  it('decodes percent-encoded names', () => {
    expect(parsePypiPath('/project/%66oo/', '')).toEqual({ kind: 'package', pkg: { registry: 'pypi', name: 'foo' } });
  });

  it.each([
    '/',
    '',
    '/project/',
    '/project//',
    '/project/foo/1.0/extra/',
    '/project/foo%2F..%2Fbar/',
    '/project/foo/..',
    '/project/foo/%2E%2E/',
    '/project/../1.0/',
    '/project/-foo/',
    '/project/foo%00/',
    '/project/%E0%A4%A/',
    '/project/f\u00f6o/',
    '/project/%C3%B6/',
    '/project/<script>alert(1)</script>/',
    '/project/%3Cscript%3E/',
    `/project/${'a'.repeat(201)}/`,
    `/project/foo/${'1'.repeat(65)}/`,
    `/project/foo/${'/'.repeat(2000)}`,
    '/project/foo/1.0%20/',
    '/project/foo/1.0;drop/',
    '/projects/foo/',
    'project/foo/',
    '/simple/foo/',
  ])('rejects %j', (path) => {
    expect(parsePypiPath(path, '')).toBeNull();
  });
});

describe('parseNpmPath', () => {
  it('reads bare, scoped and versioned package pages', () => {
    expect(parseNpmPath('/package/sigstore', '')).toEqual({ kind: 'package', pkg: { registry: 'npm', name: 'sigstore' } });
    expect(parseNpmPath('/package/sigstore/v/2.3.1', '?activeTab=code')).toEqual({
      kind: 'package',
      pkg: { registry: 'npm', name: 'sigstore', version: '2.3.1' },
    });
    expect(parseNpmPath('/package/@sigstore/verify', '')).toEqual({
      kind: 'package',
      pkg: { registry: 'npm', name: '@sigstore/verify' },
    });
    expect(parseNpmPath('/package/@sigstore/verify/v/1.2.3-rc.1+b5/', '?activeTab=versions')).toEqual({
      kind: 'package',
      pkg: { registry: 'npm', name: '@sigstore/verify', version: '1.2.3-rc.1+b5' },
    });
    expect(parseNpmPath('/package/%40types/node', '')).toMatchObject({ pkg: { name: '@types/node' } });
  });

  it.each([
    ['/package/@sigstore%2Fverify', '@sigstore/verify', undefined],
    ['/package/%40sigstore%2Fverify', '@sigstore/verify', undefined],
    ['/package/%40sigstore%2fverify/v/1.2.3', '@sigstore/verify', '1.2.3'],
    ['/package/@types%2Fnode/', '@types/node', undefined],
  ])('reads the encoded scoped form %j as the package', (path, name, version) => {
    const pkg = version === undefined ? { registry: 'npm', name } : { registry: 'npm', name, version };
    expect(parseNpmPath(path, '')).toEqual({ kind: 'package', pkg });
  });

  it('accepts legacy mixed-case names', () => {
    expect(parseNpmPath('/package/JSONStream', '')).toMatchObject({ pkg: { name: 'JSONStream' } });
  });

  it('knows the search page', () => {
    expect(parseNpmPath('/search', '?q=sigstore')).toEqual({ kind: 'search' });
  });

  it.each([
    '/package/',
    '/package/@scope',
    '/package/@scope/',
    '/package/@Scope/name',
    '/package/%40scope%2Fname%2Fmore',
    '/package/@scope%2F',
    '/package/%2Fname',
    '/package/name%2Fother',
    '/package/foo%2F..%2Fbar',
    '/package/foo/v',
    '/package/foo/v/',
    '/package/foo/v/1.0',
    '/package/foo/v/01.0.0',
    '/package/foo/v/1.0.0/extra',
    '/package/foo/x/1.0.0',
    '/package/..',
    '/package/.hidden',
    '/package/_private',
    '/package/node_modules',
    '/package/<script>',
    '/package/%3Cimg%20src%3Dx%3E',
    '/package/f\u00f6o',
    '/package/%C3%B6',
    '/package/foo%',
    `/package/${'a'.repeat(215)}`,
    `/package/foo/v/1.0.0-${'a'.repeat(64)}`,
    '/packages/foo',
    '/~user',
  ])('rejects %j', (path) => {
    expect(parseNpmPath(path, '')).toBeNull();
  });
});
