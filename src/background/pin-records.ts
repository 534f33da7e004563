// Pins and publisher-history records as they are stored and exported. Everything read back
// (storage written by an older version, an import file a user was handed) passes through
// here: bounded sizes, known fields only, and a package name the registry grammar allows.
import type { SignerIdentity } from '../core/verdict';
import { isNpmName, isNpmVersion, isPypiName, isPypiVersion, normalizePypiName } from '../shared/package-names';
import { builderWithoutRef } from '../core/workflow-uri';
import { parseIdentityPin, type HistoryRecord, type PackageName, type PinRecord, type SeenIdentity } from '../shared/messages';
import { isRecord } from './storage-area';

export const MAX_PINS = 1000;
export const MAX_HISTORY_PACKAGES = 500;
export const MAX_SEEN_PER_PACKAGE = 5;
const MAX_FIELD = 256;

/** One key per package: PyPI names in their PEP 503 form (PyPI treats the spellings as one). */
export function packageNameKey(pkg: PackageName): string {
  return `${pkg.registry}:${pkg.registry === 'pypi' ? normalizePypiName(pkg.name) : pkg.name}`;
}

export function parsePackageName(v: Record<string, unknown>): PackageName | null {
  const { registry, name } = v;
  if (typeof name !== 'string') return null;
  if (registry === 'pypi' && isPypiName(name)) return { registry, name };
  if (registry === 'npm' && isNpmName(name)) return { registry, name };
  return null;
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const optField = (v: unknown, max = MAX_FIELD): v is string | undefined =>
  v === undefined || (typeof v === 'string' && v.length > 0 && v.length <= max);

export function parsePinRecord(v: unknown): PinRecord | null {
  if (!isRecord(v)) return null;
  const pkg = parsePackageName(v);
  const pin = parseIdentityPin(v.pin);
  if (!pkg || !pin || !isTime(v.createdAt)) return null;
  return { ...pkg, pin, createdAt: v.createdAt };
}

/** The identity fields a seen entry keeps beside its version and time, with their bounds. */
const SEEN_FIELDS = ['repository', 'workflowPath', 'repositoryId', 'ownerId', 'email', 'builder'] as const;
const SEEN_MAX: Record<(typeof SEEN_FIELDS)[number], number> = {
  repository: MAX_FIELD,
  workflowPath: MAX_FIELD,
  repositoryId: MAX_FIELD,
  ownerId: MAX_FIELD,
  email: MAX_FIELD,
  // A builder URI holds a repository and a workflow path.
  builder: 2 * MAX_FIELD,
};

function parseSeen(v: unknown, registry: PackageName['registry']): SeenIdentity | null {
  if (!isRecord(v) || typeof v.version !== 'string' || !isTime(v.seenAt)) return null;
  if (!(registry === 'pypi' ? isPypiVersion(v.version) : isNpmVersion(v.version))) return null;
  const { issuer } = v;
  if (typeof issuer !== 'string' || issuer.length === 0 || issuer.length > MAX_FIELD) return null;
  const seen: SeenIdentity = { version: v.version, issuer, seenAt: v.seenAt };
  // Entries written before a field existed simply lack it.
  for (const key of SEEN_FIELDS) {
    const value = v[key];
    if (!optField(value, SEEN_MAX[key])) return null;
    if (value !== undefined) seen[key] = value;
  }
  return seen;
}

export function parseHistoryRecord(v: unknown): HistoryRecord | null {
  if (!isRecord(v) || !Array.isArray(v.seen) || v.seen.length > MAX_SEEN_PER_PACKAGE) return null;
  const pkg = parsePackageName(v);
  if (!pkg) return null;
  const seen: SeenIdentity[] = [];
  for (const raw of v.seen) {
    const entry = parseSeen(raw, pkg.registry);
    if (!entry) return null;
    seen.push(entry);
  }
  return { ...pkg, seen };
}

/** What history keeps of a verified identity: enough to tell publishers apart, nothing more. */
export function seenFrom(version: string, identity: SignerIdentity, seenAt: number): SeenIdentity {
  const seen: SeenIdentity = { version, issuer: identity.issuer, seenAt };
  if (identity.repository) seen.repository = identity.repository;
  if (identity.workflowPath) seen.workflowPath = identity.workflowPath;
  if (identity.repositoryId) seen.repositoryId = identity.repositoryId;
  if (identity.ownerId) seen.ownerId = identity.ownerId;
  if (identity.email) seen.email = identity.email;
  if (identity.builder) seen.builder = builderWithoutRef(identity.builder);
  return seen;
}

/** Whether two entries name the same publisher (times and versions aside). */
export function samePublisher(a: SeenIdentity, b: SeenIdentity): boolean {
  return a.issuer === b.issuer && SEEN_FIELDS.every((key) => a[key] === b[key]);
}

/** Adds or refreshes one version's entry, newest first, bounded. */
export function addSeen(list: readonly SeenIdentity[], entry: SeenIdentity): SeenIdentity[] {
  const rest = list.filter((s) => s.version !== entry.version);
  return [entry, ...rest].sort((a, b) => b.seenAt - a.seenAt).slice(0, MAX_SEEN_PER_PACKAGE);
}

/** Keeps the most recently seen packages when the history outgrows its bound. */
export function boundHistory(records: HistoryRecord[]): HistoryRecord[] {
  const latest = (r: HistoryRecord) => r.seen[0]?.seenAt ?? 0;
  return [...records].sort((a, b) => latest(b) - latest(a)).slice(0, MAX_HISTORY_PACKAGES);
}
