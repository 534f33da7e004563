// The fault matrix the faults spec checks, and a seeded random mix of it for the long loop:
// what each fault kind must turn into (DESIGN 3: `none` only for a 404, `unavailable` with a
// FETCH_/PARSE_ code for every other trouble, never red).
import type { FaultKind } from '../server/fault-routes';

export interface FaultExpectation {
  kind: FaultKind;
  status: 'none' | 'unavailable' | 'verified';
  /** The code the popup shows; absent when the verdict carries none. */
  code?: string;
}

export const FAULT_EXPECTATIONS: readonly FaultExpectation[] = [
  { kind: '404', status: 'none' },
  { kind: '403', status: 'unavailable', code: 'FETCH_FORBIDDEN' },
  { kind: '429', status: 'unavailable', code: 'FETCH_RATE_LIMITED' },
  // Retry-After honoured, the retry gets the provenance: the page ends up verified.
  { kind: '429-once', status: 'verified' },
  { kind: '500', status: 'unavailable', code: 'FETCH_HTTP_STATUS' },
  { kind: 'hang', status: 'unavailable', code: 'FETCH_TIMEOUT' },
  { kind: 'reset', status: 'unavailable', code: 'FETCH_NETWORK' },
  { kind: 'malformed-json', status: 'unavailable', code: 'PARSE_JSON' },
  { kind: 'html', status: 'unavailable', code: 'PARSE_JSON' },
  { kind: 'huge', status: 'unavailable', code: 'FETCH_TOO_LARGE' },
  { kind: 'redirect', status: 'unavailable', code: 'FETCH_REDIRECT' },
];

/** mulberry32: tiny, seeded, good enough to pick faults reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type MixEntry = { kind: FaultKind | 'verified'; weight: number };

// `hang` costs the worker's full 10 s timeout per load, so it is rare; the rest is cheap.
export const LOOP_MIX: readonly MixEntry[] = [
  { kind: 'verified', weight: 16 },
  { kind: '404', weight: 10 },
  { kind: '403', weight: 9 },
  { kind: '429', weight: 5 },
  { kind: '429-once', weight: 3 },
  { kind: '500', weight: 7 },
  { kind: 'hang', weight: 1.5 },
  { kind: 'reset', weight: 10 },
  { kind: 'malformed-json', weight: 10 },
  { kind: 'html', weight: 9 },
  { kind: 'huge', weight: 8 },
  { kind: 'redirect', weight: 10 },
];

export function pickKind(random: () => number, mix: readonly MixEntry[] = LOOP_MIX): MixEntry['kind'] {
  const total = mix.reduce((n, e) => n + e.weight, 0);
  let at = random() * total;
  for (const entry of mix) {
    at -= entry.weight;
    if (at < 0) return entry.kind;
  }
  return mix[mix.length - 1]?.kind ?? 'verified';
}

/** Generated projects that verify, cycled through by the loop's `verified` picks. */
export const VERIFIED_ROTATION = ['lens-files-1', 'lens-files-10', ...[1, 2, 3, 4, 5, 6].map((i) => `lens-search-verified-${i}`)];
