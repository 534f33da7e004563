// What a verdict on a mutated document must be, given how the mutation changed the document's
// signed view, and what every verdict must look like whatever the input.
import { isDeepStrictEqual } from 'node:util';
import { ERROR_CODES, isUnavailableCode, stageOf, type ArtifactVerdict, type RegistrySignedNote } from '../index';
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
  for (const u of mutated.units) {
    // A unit repeated more often than the original held it removes nothing more.
    const at = remaining.indexOf(u);
    if (at >= 0) remaining.splice(at, 1);
  }
  return remaining.length > 0 ? 'dropped' : 'unsigned';
}

const STATUSES = new Set(['verified', 'none', 'invalid', 'unavailable']);

/** Problems with the verdict's shape, whatever the input was. */
export function shapeProblems(verdict: unknown): string[] {
  if (typeof verdict !== 'object' || verdict === null) return [`verdict is ${String(verdict)}`];
  const v = verdict as Record<string, unknown>;
  if (typeof v.status !== 'string' || !STATUSES.has(v.status)) return [`unknown status ${String(v.status)}`];
  if (v.status === 'verified') return Array.isArray(v.attestations) ? [] : ['verified without an attestations list'];
  if (v.status === 'none') return v.registrySigned === undefined || isRegistryNote(v.registrySigned) ? [] : ['none with a malformed registrySigned'];
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

function isRegistryNote(v: unknown): v is RegistrySignedNote {
  if (typeof v !== 'object' || v === null) return false;
  const note = v as { keyId?: unknown; log?: { logIndex?: unknown } };
  return typeof note.keyId === 'string' && typeof note.log?.logIndex === 'string' && /^\d+$/.test(note.log.logIndex);
}

/**
 * The registry's word a verdict carries: a `none` that says npm signed the upload is a claim
 * read from signed bytes too, so it is held to the same rules as `verified` (issue 13.3).
 */
function registryNote(verdict: ArtifactVerdict): RegistrySignedNote | undefined {
  return verdict.status === 'none' ? verdict.registrySigned : undefined;
}

/** The publish evidence the original verdict showed: a changed document may show only that. */
function originalNotes(original: ArtifactVerdict): RegistrySignedNote[] {
  if (original.status === 'verified') {
    return original.attestations.flatMap((a) => (a.kind === 'npm-publish' && a.keyId !== undefined ? [{ keyId: a.keyId, log: a.log }] : []));
  }
  const note = registryNote(original);
  return note ? [note] : [];
}

/** Problems with the verdict on a mutated document, given the original verdict. */
export function expectationProblems(klass: MutationClass, verdict: ArtifactVerdict, original: ArtifactVerdict): string[] {
  const note = registryNote(verdict);
  switch (klass) {
    case 'no-op':
      return isDeepStrictEqual(verdict, original)
        ? []
        : [`no-op mutation changed the verdict: ${canonicalJson(original).slice(0, 200)} -> ${canonicalJson(verdict).slice(0, 200)}`];
    case 'signed':
    case 'malformed':
    case 'binding':
      if (verdict.status === 'verified') return [`${klass} mutation was verified`];
      return note ? [`${klass} mutation was called registry-signed`] : [];
    case 'unsigned':
    case 'dropped': {
      if (note) {
        // Dropping the SLSA provenance may leave the publish attestation alone: that is `none`,
        // but only with the key and log entry the original already showed.
        if (originalNotes(original).some((o) => isDeepStrictEqual(o, note))) return [];
        return original.status === 'verified' || registryNote(original) ? ['unsigned change produced a new registry note'] : unsignedFromFailed(klass, original);
      }
      if (verdict.status !== 'verified') return [];
      if (original.status !== 'verified') {
        return unsignedFromFailed(klass, original);
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

/** A failed original may pass after an unsigned change only if it failed on a claim (or lost the failing unit). */
function unsignedFromFailed(klass: 'unsigned' | 'dropped', original: ArtifactVerdict): string[] {
  if (klass === 'dropped') return [];
  const claimOnly = 'code' in original && CLAIM_STAGES.has(stageOf(original.code));
  return claimOnly ? [] : [`unsigned change turned ${original.status} into a positive verdict`];
}
