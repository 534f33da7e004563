// What a tampered document must yield: never `verified`, and a failure in the stage the tamper
// actually breaks. `families` are code prefixes (`TLOG_`) or whole codes (`TRUST_UNKNOWN_LOG`).
import type { ArtifactVerdict } from '../verdict';
import type { SignedUnit } from './signed-units';

export interface Expectation {
  status: 'invalid' | 'unavailable';
  families: readonly string[];
  /** Why this stage: read when a case fails, before touching the expectation. */
  why: string;
}

/** What an expectation may depend on besides the unit: the trust snapshot's date. */
export interface ExpectEnv {
  trustedRootDate: Date;
}

export interface UnitMutation {
  name: string;
  /** Part of the small set applied to every document; the rest go to representative ones. */
  smoke?: boolean;
  applies(unit: SignedUnit): boolean;
  apply(unit: SignedUnit): void;
  /** Decided on the pristine unit, before `apply`. */
  expect(unit: SignedUnit, env: ExpectEnv): Expectation;
}

/**
 * The core calls an unknown log, CA or key "couldn't check" only when the entry claims a time
 * after the trust snapshot (the authority may be newer than the snapshot); claiming a time the
 * snapshot covers, an unknown authority is a forgery or another instance: invalid.
 */
export function claimsNewerThanSnapshot(unit: SignedUnit, env: ExpectEnv): boolean {
  const seconds = Number(unit.entries.get()[0]?.integratedTime);
  return !(Number.isFinite(seconds) && seconds > 0) || seconds * 1000 > env.trustedRootDate.getTime();
}

export const invalid = (why: string, ...families: string[]): Expectation => ({ status: 'invalid', families, why });
export const unavailable = (why: string, ...families: string[]): Expectation => ({
  status: 'unavailable',
  families,
  why,
});

/** Empty when the verdict meets the expectation, else a one-line reason. */
export function mismatch(verdict: ArtifactVerdict, expected: Expectation): string {
  if (verdict.status !== 'invalid' && verdict.status !== 'unavailable') return `got ${verdict.status}`;
  const familyOk = expected.families.some((f) => verdict.code === f || (f.endsWith('_') && verdict.code.startsWith(f)));
  if (verdict.status === expected.status && familyOk) return '';
  return `got ${verdict.status} ${verdict.code} (${verdict.message.slice(0, 160)}), expected ${expected.status} ${expected.families.join('|')}: ${expected.why}`;
}
