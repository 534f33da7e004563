// Cache entries are read back from storage that other code, an older version of us, or disk
// corruption may have written: each is re-validated, and anything odd is dropped.
import { parseClaimedIdentity } from '../core/claimed-identity';
import { isErrorCode } from '../core/errors';
import type { ArtifactVerdict, VerifiedAttestation } from '../core/verdict';
import { isRecord } from './storage-area';

const FORGES = new Set(['github', 'gitlab', 'google', 'other']);
const KINDS = new Set(['pypi-publish', 'slsa-provenance', 'npm-publish']);
const MAX_ATTESTATIONS = 16;

const isStr = (v: unknown): v is string => typeof v === 'string' && v.length <= 4096;
const optStr = (v: unknown) => v === undefined || isStr(v);

/** A stored signer identity (the verdict's, or a continuity note's earlier one), field by field. */
export function isSignerIdentity(v: unknown): boolean {
  if (!isRecord(v) || !FORGES.has(v.forge as string) || !isStr(v.issuer) || !isStr(v.san)) return false;
  const optional = ['repository', 'repositoryUrl', 'workflowPath', 'buildConfigUri', 'ref', 'commit', 'trigger', 'runUrl'];
  const more = ['runnerEnvironment', 'repositoryId', 'ownerId', 'owner', 'email'];
  if (v.builder !== undefined && !isBuilder(v.builder)) return false;
  return [...optional, ...more].every((k) => optStr(v[k]));
}

function isBuilder(v: unknown): boolean {
  return isRecord(v) && isStr(v.uri) && ['repository', 'workflowPath', 'ref', 'commit'].every((k) => optStr(v[k]));
}

function isLog(v: unknown): boolean {
  if (!isRecord(v)) return false;
  const { logIndex, integratedTime, searchUrl, origin } = v;
  return isStr(logIndex) && /^\d+$/.test(logIndex) && isStr(integratedTime) && isStr(searchUrl) && optStr(origin);
}

function isAttestation(v: unknown): v is VerifiedAttestation {
  if (!isRecord(v) || !KINDS.has(v.kind as string) || !isStr(v.predicateType)) return false;
  if (v.signer !== undefined && !isSignerIdentity(v.signer)) return false;
  return optStr(v.keyId) && isLog(v.log);
}

/** A cacheable verdict (never `unavailable`), or null. */
export function parseCachedVerdict(v: unknown): ArtifactVerdict | null {
  if (!isRecord(v)) return null;
  switch (v.status) {
    case 'none': {
      // The registry-signed note (a lone npm publish attestation) survives a cache hit.
      const note = v.registrySigned;
      if (note === undefined) return { status: 'none' };
      if (!isRecord(note) || !isStr(note.keyId) || !isLog(note.log)) return null;
      return { status: 'none', registrySigned: note as { keyId: string; log: VerifiedAttestation['log'] } };
    }
    case 'invalid': {
      if (!isErrorCode(v.code) || !isStr(v.message)) return null;
      // A failed attestation's claim is kept only field by field, each capped; never an identity.
      const claimed = parseClaimedIdentity(v.claimed);
      return { status: 'invalid', code: v.code, message: v.message, ...(claimed ? { claimed } : {}) };
    }
    case 'verified': {
      const { attestations, identity } = v;
      if (!Array.isArray(attestations) || attestations.length > MAX_ATTESTATIONS || !attestations.every(isAttestation)) return null;
      if (identity !== undefined && !isSignerIdentity(identity)) return null;
      return v as ArtifactVerdict;
    }
    default:
      return null;
  }
}

export interface PackageIndexEntry {
  version: string;
  files: { filename: string; digest: string }[];
  checkedAt: number;
  /** Until when the registry's documents behind it stay fresh (cache.ts); absent: not fresh. */
  freshUntil?: number;
}

export function parsePackageIndex(v: unknown): PackageIndexEntry | null {
  if (!isRecord(v) || !isStr(v.version) || !Number.isFinite(v.checkedAt) || !Array.isArray(v.files)) return null;
  if (v.files.length > 500) return null;
  const files: PackageIndexEntry['files'] = [];
  for (const f of v.files) {
    if (!isRecord(f) || !isStr(f.filename) || !isStr(f.digest) || f.digest === '') return null;
    files.push({ filename: f.filename, digest: f.digest });
  }
  // Written by us only, but read back from storage: a bad freshness is no freshness.
  const freshUntil = typeof v.freshUntil === 'number' && Number.isFinite(v.freshUntil) ? { freshUntil: v.freshUntil } : {};
  return { version: v.version, files, checkedAt: v.checkedAt as number, ...freshUntil };
}

/** A stored package entry (index and save time), or null. */
export function parseStoredPackage(raw: unknown): { index: PackageIndexEntry; savedAt: number } | null {
  if (!isRecord(raw) || typeof raw.savedAt !== 'number') return null;
  const index = parsePackageIndex(raw.index);
  return index ? { index, savedAt: raw.savedAt } : null;
}
