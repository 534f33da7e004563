// The CLI's on-disk verdict cache for `history`: kept across runs, per trust material, never
// holding "couldn't check", and dropping entries that do not read back as verdicts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PackageVerdict } from '../core/verdict';
import { openHistoryCache } from './history-cache';

const integrity = `sha512-${'A'.repeat(86)}==`;
const ref = { registry: 'npm' as const, digest: integrity, subject: 'demo@1.0.0' };

function verdictWith(file: PackageVerdict['files'][number]['verdict']): PackageVerdict {
  return { pkg: { registry: 'npm', name: 'demo', version: '1.0.0' }, files: [{ filename: 'demo-1.0.0.tgz', sha256: integrity, verdict: file }], checkedAt: 0, status: 'none' };
}

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'provenance-lens-history-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('history verdict cache on disk', () => {
  it('keeps a decided verdict across runs, for the same trust material only', async () => {
    const first = openHistoryCache(dir, 'trust-a');
    await first.storeArtifacts(verdictWith({ status: 'invalid', code: 'SIGNATURE_INVALID', message: 'bad signature' }));
    first.save();
    expect(await openHistoryCache(dir, 'trust-a').getArtifact(ref)).toEqual({ status: 'invalid', code: 'SIGNATURE_INVALID', message: 'bad signature' });
    expect(await openHistoryCache(dir, 'trust-b').getArtifact(ref)).toBeUndefined();
  });

  it('never keeps "couldn\'t check"', async () => {
    const cache = openHistoryCache(dir, 't');
    await cache.storeArtifacts(verdictWith({ status: 'unavailable', code: 'FETCH_TIMEOUT', message: 'slow' }));
    cache.save();
    expect(await openHistoryCache(dir, 't').getArtifact(ref)).toBeUndefined();
  });

  it('drops an entry edited into something that is not a verdict, and a file that is not ours', async () => {
    const cache = openHistoryCache(dir, 't');
    await cache.storeArtifacts(verdictWith({ status: 'none' }));
    cache.save();
    const file = join(dir, 'history-verdicts.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, unknown> };
    const [key] = Object.keys(doc.entries);
    doc.entries[key as string] = { status: 'verified', attestations: 'all of them' };
    writeFileSync(file, JSON.stringify(doc));
    expect(await openHistoryCache(dir, 't').getArtifact(ref)).toBeUndefined();
    writeFileSync(file, '{"format": 1, "entries": [');
    expect(await openHistoryCache(dir, 't').getArtifact(ref)).toBeUndefined();
  });
});
