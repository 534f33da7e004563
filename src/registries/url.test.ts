import { describe, expect, it } from 'vitest';
import { provenanceUrl, releaseUrl } from './pypi/api';
import { apiUrl } from './url';

describe('apiUrl', () => {
  it('encodes every segment', () => {
    expect(apiUrl('https://pypi.org', ['pypi', 'a b/c?d#e', 'json']).href).toBe('https://pypi.org/pypi/a%20b%2Fc%3Fd%23e/json');
  });

  it('refuses dot segments the URL parser would resolve', () => {
    for (const s of ['.', '..', '']) expect(() => apiUrl('https://pypi.org', ['pypi', s, 'json'])).toThrow(RangeError);
  });

  it('builds the PyPI JSON and Integrity URLs', () => {
    expect(releaseUrl('pypi-attestations', '0.0.19').href).toBe('https://pypi.org/pypi/pypi-attestations/0.0.19/json');
    expect(releaseUrl('demo').href).toBe('https://pypi.org/pypi/demo/json');
    expect(provenanceUrl('demo', '1.0', 'demo-1.0+x.tar.gz').href).toBe('https://pypi.org/integrity/demo/1.0/demo-1.0%2Bx.tar.gz/provenance');
  });
});
