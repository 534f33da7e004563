// What a verdict on a mutated document must be, given how the mutation changed the document's
// signed view, and what every verdict must look like whatever the input.
import { isDeepStrictEqual } from 'node:util';
import { ERROR_CODES, isUnavailableCode, stageOf, type ArtifactVerdict } from '../index';
import { canonicalJson } from './json-tree';
import { Malformed, type SignedView } from './signed-view';

/**
 * no-op: same signed units and claims (key order, twin keys the readers ignore, equivalent
 * encodings) - the verdict must EQUAL the original one.
 * signed: some signed unit is new (changed bytes, an attestation from another file) - never verified.
 * malformed: not the format at all - never verified.
 * unsigned: only claims or the arrangement of intact units changed - verified only with the
 * original identity and log entries, since those are read from signed bytes alone.
 * dropped: like unsigned, but some units were removed - which may remove the one that failed.
 * binding: the artifact the document is checked against was swapped - never verified.
 */
export type MutationClass = 'no-op' | 'signed' | 'malformed' | 'unsigned' | 'dropped' | 'binding';

export function classify(original: SignedView, view: (doc: unknown) => SignedView, doc: unknown): MutationClass {
  let mutated: SignedView;
  try {
    mutated = view(doc);
  } catch (error) {
    if (error instanceof Malformed || error instanceof RangeError) return 'malformed';
    throw error;
  }
  const known = new Set(original.units);
  if (mutated.units.some((u) => !known.has(u))) return 'signed';
  const sameUnits = isDeepStrictEqual(mutated.units, original.units);
  if (sameUnits && mutated.claims === original.claims) return 'no-op';
  const remaining = [...original.units];
  for (const u of mutated.units) remaining.splice(remaining.indexOf(u), 1);
  return remaining.length > 0 ? 'dropped' : 'unsigned';
}

const STATUSES = new Set(['verified', 'none', 'invalid', 'unavailable']);

/** Problems with the verdict's shape, whatever the input was. */
export function shapeProblems(verdict: unknown): string[] {
  if (typeof verdict !== 'object' || verdict === null) return [`verdict is ${String(verdict)}`];
  const v = verdict as Record<string, unknown>;
  if (typeof v.status !== 'string' || !STATUSES.has(v.status)) return [`unknown status ${String(v.status)}`];
  if (v.status === 'verified') return Array.isArray(v.attestations) ? [] : ['verified without an attestations list'];
  if (v.status === 'none') return [];
  const problems: string[] = [];
  const code = v.code as (typeof ERROR_CODES)[number];
  if (!ERROR_CODES.includes(code)) return [`code ${String(v.code)} is not in ERROR_CODES`];
  if (typeof v.message !== 'string') problems.push('message is not a string');
  if ((v.status === 'unavailable') !== isUnavailableCode(code)) problems.push(`status ${v.status} does not match code ${code}`);
  return problems;
}

// A non-verified original may legitimately verify after an unsigned change only when it failed
// on a claim (publisher, listed predicate type), not on signed content.
const CLAIM_STAGES = new Set(['IDENTITY', 'POLICY', 'SUBJECT']);

/** Problems with the verdict on a mutated document, given the original verdict. */
export function expectationProblems(klass: MutationClass, verdict: ArtifactVerdict, original: ArtifactVerdict): string[] {
  switch (klass) {
    case 'no-op':
      return isDeepStrictEqual(verdict, original)
        ? []
        : [`no-op mutation changed the verdict: ${canonicalJson(original).slice(0, 200)} -> ${canonicalJson(verdict).slice(0, 200)}`];
    case 'signed':
    case 'malformed':
    case 'binding':
      return verdict.status === 'verified' ? [`${klass} mutation was verified`] : [];
    case 'unsigned':
    case 'dropped': {
      if (verdict.status !== 'verified') return [];
      if (original.status !== 'verified') {
        if (klass === 'dropped') return [];
        const claimOnly = 'code' in original && CLAIM_STAGES.has(stageOf(original.code));
        return claimOnly ? [] : [`unsigned change turned ${original.status} into verified`];
      }
      const problems: string[] = [];
      if (!isDeepStrictEqual(verdict.identity, original.identity)) problems.push('unsigned change altered the identity shown');
      for (const a of verdict.attestations) {
        if (!original.attestations.some((o) => isDeepStrictEqual(o, a))) problems.push(`unsigned change produced a new attestation ${canonicalJson(a).slice(0, 160)}`);
      }
      return problems;
    }
  }
}
