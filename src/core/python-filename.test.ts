import { describe, expect, it } from 'vitest';
import { normalizeName, normalizeVersion, parseDistFilename, sameDistribution } from './python-filename';

describe('python distribution filenames', () => {
  it('normalizes names per PEP 503 and versions per PEP 440', () => {
    expect(normalizeName('Pypi_Attestations.Models')).toBe('pypi-attestations-models');
    expect(normalizeVersion('1.0.0')).toBe('1');
    expect(normalizeVersion('0.0.4a2')).toBe('0.0.4a2');
    expect(normalizeVersion('1.0-Alpha.1')).toBe('1a1');
    expect(normalizeVersion('1.0-1')).toBe('1.post1');
    expect(normalizeVersion('v2.0rc1.dev3')).toBe('2rc1.dev3');
  });

  it('parses wheels with and without a build tag, expanding compressed tag sets', () => {
    expect(parseDistFilename('rfc8785-0.1.2-py3-none-any.whl')).toEqual({
      kind: 'wheel', name: 'rfc8785', version: '0.1.2', build: '', tags: ['py3-none-any'],
    });
    const tagged = parseDistFilename('pkg-1.0-1-py2.py3-none-any.whl');
    expect(tagged).toMatchObject({ build: '1', tags: ['py2-none-any', 'py3-none-any'] });
    expect(parseDistFilename('pkg-1.0-x1-py3-none-any.whl')).toBeUndefined();
    expect(parseDistFilename('pkg-1.0-py3-none.whl')).toBeUndefined();
  });

  it('parses sdists by their last dash', () => {
    expect(parseDistFilename('sampleproject-3.0.0.tar.gz')).toEqual({ kind: 'sdist', name: 'sampleproject', version: '3', extension: '.tar.gz' });
    expect(parseDistFilename('../evil-1.0.tar.gz')).toBeUndefined();
    expect(parseDistFilename('noversion.tar.gz')).toBeUndefined();
  });

  it('treats equivalent spellings as one file and different files as different', () => {
    expect(sameDistribution('pypi_attestations-0.0.19.tar.gz', 'PyPI-Attestations-0.0.19.tar.gz')).toBe(true);
    expect(sameDistribution('pkg-1.0-py2.py3-none-any.whl', 'pkg-1.0.0-py3.py2-none-any.whl')).toBe(true);
    expect(sameDistribution('pkg-1.0.tar.gz', 'pkg-1.0.zip')).toBe(false);
    expect(sameDistribution('pkg-1.0-py3-none-any.whl', 'pkg-1.0-cp312-abi3-linux_x86_64.whl')).toBe(false);
    expect(sameDistribution('pkg-1.0-1-py3-none-any.whl', 'pkg-1.0-py3-none-any.whl')).toBe(false);
    expect(sameDistribution('not a file', 'not a file')).toBe(false);
  });
});
