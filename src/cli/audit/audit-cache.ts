// The audit's on-disk cache: final verdicts by artifact digest (the lockfile's npm integrity,
// or the PyPI lock's file digests) and by the trust material they were decided under, in
// <platform cache>/provenance-lens/audit. "Couldn't check" is never kept, nor a verdict whose
// continuity could not be judged; packages the lock names no digest for are not kept either.
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { tufCacheDir } from '../tuf-cache';
import { openDiskMap } from '../disk-map';
import type { RegistryPackage } from './locked-package';
import { parseRecord, type AuditRecord } from './audit-record';

const FILE = 'verdicts.json';
const FORMAT = 1;
/** Bounds the file: far more packages than one project locks. */
const MAX_ENTRIES = 50_000;

export function auditCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(dirname(tufCacheDir(env)), 'audit');
}

/** The digests a verdict on this package was decided over, or null when the lock names none. */
export function cacheKey(pkg: RegistryPackage, trustId: string): string | null {
  const digests =
    pkg.registry === 'npm'
      ? pkg.integrity
      : pkg.files && pkg.files.length > 0
        ? pkg.files.map((f) => `${f.filename ?? ''}:${f.sha256}`).sort().join(' ')
        : undefined;
  if (digests === undefined) return null;
  return createHash('sha256').update(JSON.stringify([FORMAT, trustId, pkg.registry, pkg.name, pkg.version, digests])).digest('hex');
}

export interface AuditCache {
  get(pkg: RegistryPackage): AuditRecord | undefined;
  put(pkg: RegistryPackage, record: AuditRecord): void;
  /** Writes the file once, atomically; a cache that cannot be written costs only time. */
  save(): void;
}

export function openAuditCache(dir: string, trustId: string): AuditCache {
  const entries = openDiskMap(dir, FILE, FORMAT, MAX_ENTRIES);
  return {
    get(pkg) {
      const key = cacheKey(pkg, trustId);
      return key === null ? undefined : (parseRecord(entries.get(key), pkg) ?? undefined);
    },
    put(pkg, record) {
      const key = cacheKey(pkg, trustId);
      if (key === null || record.status === 'unavailable') return;
      entries.set(key, record);
    },
    save: () => entries.save(),
  };
}
