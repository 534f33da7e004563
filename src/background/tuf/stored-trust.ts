// The last good TUF refresh and the last failure, as kept in storage.local. Read back
// defensively: a record of another shape (an older build, a damaged store) counts as none, and
// the material itself is parsed again into a trust context before it is used.
import type { TufFailureReason } from '../../core/trust-tuf';
import type { RefreshedTrust } from '../../core/trust-tuf-material';
import { isRecord } from '../storage-area';

export const STORED_TRUST_KEY = 'trust-tuf';

export interface StoredTrust {
  good?: RefreshedTrust;
  failure?: { at: number; reason: TufFailureReason };
}

const REASONS: ReadonlySet<string> = new Set<TufFailureReason>([
  'TUF_FETCH',
  'TUF_TIMEOUT',
  'TUF_TOO_LARGE',
  'TUF_EXPIRED',
  'TUF_ROLLBACK',
  'TUF_MISMATCH',
  'TUF_SIGNATURE',
  'TUF_TARGET_MISSING',
  'TUF_INVALID',
]);

export function parseStoredTrust(raw: unknown): StoredTrust {
  if (!isRecord(raw)) return {};
  const stored: StoredTrust = {};
  const good = parseGood(raw.good);
  if (good) stored.good = good;
  const failure = raw.failure;
  if (isRecord(failure) && typeof failure.at === 'number' && typeof failure.reason === 'string' && REASONS.has(failure.reason)) {
    stored.failure = { at: failure.at, reason: failure.reason as TufFailureReason };
  }
  return stored;
}

function parseGood(raw: unknown): RefreshedTrust | undefined {
  if (!isRecord(raw) || !isRecord(raw.versions) || !isRecord(raw.metadata)) return undefined;
  const { materialDate, id, versions, metadata } = raw;
  if (typeof materialDate !== 'string' || Number.isNaN(Date.parse(materialDate)) || typeof id !== 'string') return undefined;
  const numbers = ['root', 'timestamp', 'snapshot', 'targets'].map((k) => versions[k]);
  if (!numbers.every((n) => Number.isSafeInteger(n))) return undefined;
  if (!Object.values(metadata).every((text) => typeof text === 'string')) return undefined;
  const [root, timestamp, snapshot, targets] = numbers as number[];
  return {
    trustedRoot: raw.trustedRoot,
    npmKeys: raw.npmKeys,
    materialDate,
    id,
    versions: { root: root ?? 0, timestamp: timestamp ?? 0, snapshot: snapshot ?? 0, targets: targets ?? 0 },
    metadata: metadata as Record<string, string>,
  };
}
