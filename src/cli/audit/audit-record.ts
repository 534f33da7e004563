// What the audit reports, and keeps, per package: the verdict reduced to what a person or a
// script needs (status, code, identity, continuity), in the `--json` contract of DESIGN 4.
// Cached records are read back from a file anyone with access to the cache folder could edit:
// each is re-validated, and anything odd is dropped (the package is then checked again).
import { isErrorCode, type ErrorCode } from '../../core/errors';
import type { ContinuityNote, PackageVerdict, Registry, SignerIdentity } from '../../core/verdict';
import { parseCachedVerdict } from '../../background/cache-entry';
import { isPypiName, normalizePypiName } from '../../shared/package-names';
import { isRecord } from './locked-package';

export type AuditStatus = PackageVerdict['status'];

export interface AuditRecord {
  registry: Registry;
  name: string;
  version: string;
  status: AuditStatus;
  code?: ErrorCode;
  message?: string;
  identity?: SignerIdentity;
  continuity?: ContinuityNote;
  /** partial: how many of the locked files verified, of how many. */
  verifiedCount?: number;
  totalCount?: number;
  /** False when the lockfile names no digest the provenance could be bound to. */
  bound: boolean;
}

export function recordOf(verdict: PackageVerdict, bound: boolean): AuditRecord {
  const { registry, name, version } = verdict.pkg;
  const base = { registry, name, version, status: verdict.status, bound, ...(verdict.continuity ? { continuity: verdict.continuity } : {}) };
  switch (verdict.status) {
    case 'verified':
      return { ...base, identity: verdict.identity };
    case 'partial':
      return { ...base, identity: verdict.identity, verifiedCount: verdict.verifiedCount, totalCount: verdict.totalCount };
    case 'none':
      return base;
    case 'invalid':
    case 'unavailable':
      return { ...base, code: verdict.code, message: verdict.message };
  }
}

/** Back to a verdict, for the worker's pin rule (pin-check.ts), which takes one. */
export function verdictOf(record: AuditRecord): PackageVerdict {
  const base = { pkg: { registry: record.registry, name: record.name, version: record.version }, files: [], checkedAt: 0, ...(record.continuity ? { continuity: record.continuity } : {}) };
  if ((record.status === 'verified' || record.status === 'partial') && record.identity) {
    return record.status === 'verified'
      ? { ...base, status: 'verified', identity: record.identity, attestations: [] }
      : { ...base, status: 'partial', identity: record.identity, attestations: [], verifiedCount: record.verifiedCount ?? 0, totalCount: record.totalCount ?? 0 };
  }
  if (record.status === 'invalid' || record.status === 'unavailable') {
    const code = record.code ?? 'PARSE_SHAPE';
    return record.status === 'invalid'
      ? { ...base, status: 'invalid', code, message: record.message ?? '' }
      : { ...base, status: 'unavailable', code, message: record.message ?? '', retryable: true };
  }
  return { ...base, status: 'none' };
}

// The worker's cache check of an identity; it allows none (a registry-key-only verdict), we do not.
const validIdentity = (v: unknown): v is SignerIdentity => isRecord(v) && parseCachedVerdict({ status: 'verified', attestations: [], identity: v }) !== null;

function validContinuity(v: unknown): v is ContinuityNote {
  if (!isRecord(v) || typeof v.previousVersion !== 'string' || v.previousVersion.length > 64 || !validIdentity(v.previous)) return false;
  if (v.kind === 'provenance-lost') return true;
  return v.kind === 'publisher-changed' && typeof v.field === 'string' && typeof v.from === 'string' && typeof v.to === 'string' && v.from.length + v.to.length < 2048;
}

// A record carries the registry's spelling of the name (PyPI answers `SampleProject` for the
// lock's `sampleproject`): PyPI names match in their PEP 503 form, npm names exactly.
function sameName(registry: Registry, stored: unknown, expected: string): stored is string {
  if (typeof stored !== 'string') return false;
  return registry === 'pypi' ? isPypiName(stored) && normalizePypiName(stored) === normalizePypiName(expected) : stored === expected;
}

/** A cached record as written by recordOf, or null. `unavailable` is never cached. */
export function parseRecord(v: unknown, expect: { registry: Registry; name: string; version: string }): AuditRecord | null {
  if (!isRecord(v) || v.registry !== expect.registry || !sameName(expect.registry, v.name, expect.name) || v.version !== expect.version || typeof v.bound !== 'boolean') return null;
  const { status } = v;
  if (status !== 'verified' && status !== 'partial' && status !== 'none' && status !== 'invalid') return null;
  if ((status === 'verified' || status === 'partial') && !validIdentity(v.identity)) return null;
  if (status === 'invalid' && (!isErrorCode(v.code) || typeof v.message !== 'string' || v.message.length > 4096)) return null;
  if (status === 'partial' && !(Number.isSafeInteger(v.verifiedCount) && Number.isSafeInteger(v.totalCount))) return null;
  if (v.continuity !== undefined && !validContinuity(v.continuity)) return null;
  // Known fields only: nothing else from the file reaches the output.
  const record: AuditRecord = { registry: expect.registry, name: v.name, version: expect.version, status, bound: v.bound };
  if (v.identity !== undefined) record.identity = v.identity as SignerIdentity;
  if (v.continuity !== undefined) record.continuity = v.continuity as ContinuityNote;
  if (status === 'invalid') Object.assign(record, { code: v.code, message: v.message });
  if (status === 'partial') Object.assign(record, { verifiedCount: v.verifiedCount, totalCount: v.totalCount });
  return record;
}
