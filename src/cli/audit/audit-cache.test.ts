// The audit's on-disk cache: kept across runs by digest and trust material; "couldn't check",
// packages without a digest and altered files never answer.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditCacheDir, cacheKey, openAuditCache } from './audit-cache';
import type { AuditRecord } from './audit-record';
import type { RegistryPackage } from './locked-package';

const SRI = `sha512-${'A'.repeat(86)}==`;
const pkg: RegistryPackage = { registry: 'npm', name: 'a', version: '1.0.0', integrity: SRI };
const none: AuditRecord = { registry: 'npm', name: 'a', version: '1.0.0', status: 'none', bound: true };

describe('audit cache', () => {
  it('lives beside the TUF cache, under the platform cache folder', () => {
    expect(auditCacheDir({ XDG_CACHE_HOME: '/c' })).toBe(join('/c', 'provenance-lens', 'audit'));
  });

  it('a saved verdict answers the next run under the same trust material, not under another', () => {
    const dir = mkdtempSync(join(tmpdir(), 'provenance-lens-cache-'));
    const first = openAuditCache(dir, 'trust-1');
    first.put(pkg, none);
    first.save();
    expect(openAuditCache(dir, 'trust-1').get(pkg)).toEqual(none);
    expect(openAuditCache(dir, 'trust-2').get(pkg)).toBeUndefined();
    // Another integrity is another artifact.
    expect(openAuditCache(dir, 'trust-1').get({ ...pkg, integrity: `sha512-${'B'.repeat(86)}==` })).toBeUndefined();
  });

  it('never keeps "couldn\'t check", nor a package whose lock names no digest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'provenance-lens-cache-'));
    const cache = openAuditCache(dir, 't');
    cache.put(pkg, { ...none, status: 'unavailable', code: 'FETCH_TIMEOUT', message: 'slow' });
    const berry = { registry: 'npm' as const, name: 'b', version: '1.0.0' };
    cache.put(berry, { ...none, name: 'b' });
    cache.save();
    expect(cacheKey(berry, 't')).toBeNull();
    expect(openAuditCache(dir, 't').get(pkg)).toBeUndefined();
  });

  it('an entry edited on disk into another status it was not is dropped, and a broken file is ignored', () => {
    const dir = mkdtempSync(join(tmpdir(), 'provenance-lens-cache-'));
    const cache = openAuditCache(dir, 't');
    cache.put(pkg, none);
    cache.save();
    const path = join(dir, 'verdicts.json');
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { entries: Record<string, Record<string, unknown>> };
    for (const entry of Object.values(doc.entries)) entry.status = 'verified'; // no identity: not a verdict recordOf writes
    writeFileSync(path, JSON.stringify(doc));
    expect(openAuditCache(dir, 't').get(pkg)).toBeUndefined();
    writeFileSync(path, '{not json');
    expect(openAuditCache(dir, 't').get(pkg)).toBeUndefined();
  });

  it("a PyPI verdict under the registry's spelling (SampleProject) answers the lock's (sampleproject); npm names stay exact", () => {
    const dir = mkdtempSync(join(tmpdir(), 'provenance-lens-cache-'));
    const locked: RegistryPackage = { registry: 'pypi', name: 'sampleproject', version: '4.0.0', files: [{ filename: 'sampleproject-4.0.0.tar.gz', sha256: 'ab'.repeat(32) }] };
    const record: AuditRecord = { registry: 'pypi', name: 'SampleProject', version: '4.0.0', status: 'none', bound: true };
    const cache = openAuditCache(dir, 't');
    cache.put(locked, record);
    cache.put({ ...pkg, name: 'A' }, { ...none, name: 'a' });
    cache.save();
    expect(openAuditCache(dir, 't').get(locked)).toEqual(record);
    expect(openAuditCache(dir, 't').get({ ...pkg, name: 'A' })).toBeUndefined();
  });
});
