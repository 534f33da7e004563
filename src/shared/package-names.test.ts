import { describe, expect, it } from 'vitest';
import { isNpmName, isNpmVersion, isPypiName, isPypiVersion, normalizePypiName, splitNpmName } from './package-names';

describe('PyPI names', () => {
  it('follows PEP 508', () => {
    for (const ok of ['a', 'A1', 'pypi-attestations', 'zope.interface', 'my_pkg']) expect(isPypiName(ok)).toBe(true);
    for (const bad of ['', '-a', 'a-', '.a', 'a b', 'ä', 'a/b', 'a'.repeat(201)]) expect(isPypiName(bad)).toBe(false);
  });

  it('normalises per PEP 503', () => {
    expect(normalizePypiName('Zope.Interface')).toBe('zope-interface');
    expect(normalizePypiName('a__b-._c')).toBe('a-b-c');
  });

  it('accepts PEP 440 versions and refuses traversal', () => {
    for (const ok of ['1.0', '1!2.0.post1', '1.0+local_1', '2024.1.dev0']) expect(isPypiVersion(ok)).toBe(true);
    for (const bad of ['', '..', '.1', '1..2', '1.0 ', '1/0', '1'.repeat(65)]) expect(isPypiVersion(bad)).toBe(false);
  });
});

describe('npm names', () => {
  it('accepts scoped, legacy and plain names', () => {
    for (const ok of ['sigstore', '@sigstore/verify', 'JSONStream', 'lodash.get', '@a-b/c_d']) expect(isNpmName(ok)).toBe(true);
  });

  it('rejects what the registry rejects', () => {
    for (const bad of ['', '.x', '_x', '@A/b', '@a', '@a/', '@a/b/c', 'a b', 'a/b', 'node_modules', 'é', 'a'.repeat(215)])
      expect(isNpmName(bad)).toBe(false);
  });

  it('splits scope and name', () => {
    expect(splitNpmName('@sigstore/verify')).toEqual({ scope: 'sigstore', bare: 'verify' });
    expect(splitNpmName('sigstore')).toEqual({ bare: 'sigstore' });
  });

  it('checks semver', () => {
    for (const ok of ['0.0.1', '2.3.1', '1.0.0-beta.1+exp.sha.5114f85']) expect(isNpmVersion(ok)).toBe(true);
    for (const bad of ['1.0', 'v1.0.0', '01.0.0', '1.0.0-', 'latest', '1.0.0/..']) expect(isNpmVersion(bad)).toBe(false);
  });
});
