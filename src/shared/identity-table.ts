// A release's verdict names its publisher once per file, once per attestation and once for the
// release: a 60-file verdict held 181 copies of one identity, 117 of its 162 KB of JSON, and a
// 20-result search reply weighed 341 KB. The worker serialises every reply and the page parses it
// on its main thread, so replies to pages carry each distinct identity once, in a table, and
// refer to it by position. The client puts the identities back before anything reads the reply.

/** The keys that hold identities: a file's or release's, an attestation's signer, a continuity note's earlier one. */
const IDENTITY_KEYS: ReadonlySet<string> = new Set(['identity', 'signer', 'previous']);
// Verdicts nest five levels deep; a value deeper than this is not one of ours.
const MAX_DEPTH = 32;

/** What stands in for an identity on the wire. */
export interface IdentityRef {
  identityRef: number;
}

type Json = Record<string, unknown>;

function isPlainObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A copy of `value` with every object under an identity key replaced by its place in `identities`. */
export function shareIdentities(value: unknown): { value: unknown; identities: Json[] } {
  const identities: Json[] = [];
  const positions = new Map<string, number>();
  const intern = (identity: Json): IdentityRef => {
    const key = JSON.stringify(identity);
    let at = positions.get(key);
    if (at === undefined) {
      at = identities.push(identity) - 1;
      positions.set(key, at);
    }
    return { identityRef: at };
  };
  const copy = (v: unknown, depth: number): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (depth > MAX_DEPTH) throw new Error('reply nested too deeply to share identities');
    if (Array.isArray(v)) return v.map((item) => copy(item, depth + 1));
    const out: Json = {};
    for (const [k, item] of Object.entries(v)) out[k] = IDENTITY_KEYS.has(k) && isPlainObject(item) ? intern(item) : copy(item, depth + 1);
    return out;
  };
  return { value: copy(value, 0), identities };
}

function referenced(v: unknown, identities: readonly unknown[]): Json | null {
  if (!isPlainObject(v) || Object.keys(v).length !== 1 || typeof v.identityRef !== 'number') return null;
  const identity = identities[v.identityRef];
  return Number.isInteger(v.identityRef) && isPlainObject(identity) ? identity : null;
}

/**
 * Puts each referenced identity back in place, in `value` itself (a reply just parsed, owned by
 * the caller). False when a reference is not one the table can answer: the reply is malformed.
 */
export function restoreIdentities(value: unknown, identities: unknown): boolean {
  if (!Array.isArray(identities)) return false;
  const walk = (v: unknown, depth: number): boolean => {
    if (typeof v !== 'object' || v === null) return true;
    if (depth > MAX_DEPTH) return false;
    if (Array.isArray(v)) return v.every((item) => walk(item, depth + 1));
    const obj = v as Json;
    for (const k of Object.keys(obj)) {
      if (IDENTITY_KEYS.has(k) && isPlainObject(obj[k])) {
        const identity = referenced(obj[k], identities);
        if (identity === null) return false;
        obj[k] = identity;
      } else if (!walk(obj[k], depth + 1)) return false;
    }
    return true;
  };
  return walk(value, 0);
}
