import { describe, expect, it } from 'vitest';
import { packageKey } from '../core/verdict';
import { freshness, refOfKey } from './cache-index';
import { MAX_FRESH_MS } from './http-freshness';

describe('the verdict cache\'s keys and index entries', () => {
  it('reads back the package a key names, npm scopes and "latest" included', () => {
    for (const pkg of [
      { registry: 'npm' as const, name: '@sigstore/verify', version: '2.1.0' },
      { registry: 'npm' as const, name: '@sigstore/verify' },
      { registry: 'npm' as const, name: 'sigstore', version: '3.0.0-rc.1' },
      { registry: 'pypi' as const, name: 'pypi-attestations', version: '0.0.19' },
      { registry: 'pypi' as const, name: 'Sample.Project' },
    ]) {
      expect(refOfKey(packageKey(pkg))).toEqual({ registry: pkg.registry, name: pkg.name });
    }
  });

  it('an index answers no longer than 15 minutes after it was saved, and not at all if saved "later" than now', () => {
    const index = { version: '1.0', files: [], checkedAt: 0 };
    expect(freshness({ savedAt: 1_000, index: { ...index, freshUntil: 5_000 } }, 2_000)).toBe(5_000);
    expect(freshness({ savedAt: 1_000, index: { ...index, freshUntil: 1e15 } }, 2_000)).toBe(1_000 + MAX_FRESH_MS);
    expect(freshness({ savedAt: 3_000, index: { ...index, freshUntil: 5_000 } }, 2_000)).toBe(0);
    expect(freshness({ savedAt: 1_000, index }, 2_000)).toBe(0);
  });
});
