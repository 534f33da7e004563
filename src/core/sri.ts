// Subresource Integrity strings (`dist.integrity`) read the way npm's ssri checks a tarball
// against them: ssri picks the strongest algorithm present and accepts the tarball if it
// matches ANY hash of that algorithm. So an attestation binds the tarball only when EVERY hash
// of the strongest algorithm is the attested one; which hashes those are is decided here, once,
// for the core, the registry adapter and the CLI alike.

/** Weakest first; the algorithms npm has ever written into `dist.integrity`. */
const ALGORITHMS = ['sha1', 'sha256', 'sha384', 'sha512'] as const;
type Algorithm = (typeof ALGORITHMS)[number];
const DIGEST_BYTES: Record<Algorithm, number> = { sha1: 20, sha256: 32, sha384: 48, sha512: 64 };

/** npm writes one hash; a long list is work, not evidence. */
const MAX_HASHES = 16;
const MAX_LENGTH = 2048;

// `alg-base64` then options, each `?` followed by visible ASCII (SRI's option-expression).
const ENTRY = /^([a-z0-9]+)-([A-Za-z0-9+/]+={0,2})((?:\?[\x21-\x7e]*)*)$/;

export type Sha512Digests = { ok: true; hex: string[] } | { ok: false; message: string };

/**
 * The sha512 digests (lower-case hex, duplicates removed) a tarball must ALL equal for npm to
 * accept exactly it. Refused: an unreadable entry (ssri would skip it, we cannot tell what was
 * meant), an algorithm we do not know (it may outrank sha512 in some npm and we cannot check
 * it), and a string whose strongest algorithm is weaker than sha512 (attestations bind sha512).
 */
export function sha512DigestsOf(integrity: string): Sha512Digests {
  if (integrity.length > MAX_LENGTH) return { ok: false, message: 'integrity string is too long' };
  const tokens = integrity.trim().split(/\s+/).filter((t) => t !== '');
  if (tokens.length === 0) return { ok: false, message: 'integrity string is empty' };
  if (tokens.length > MAX_HASHES) return { ok: false, message: `more than ${MAX_HASHES} hashes in the integrity string` };
  const hashes: { algorithm: Algorithm; hex: string }[] = [];
  for (const token of tokens) {
    const hash = readEntry(token);
    if (typeof hash === 'string') return { ok: false, message: hash };
    hashes.push(hash);
  }
  const strongest = hashes.reduce((best, h) => Math.max(best, ALGORITHMS.indexOf(h.algorithm)), -1);
  if (ALGORITHMS[strongest] !== 'sha512') {
    return { ok: false, message: `integrity has no sha512 hash (strongest is ${ALGORITHMS[strongest] ?? 'none'}); npm attestations bind sha512` };
  }
  const hex = [...new Set(hashes.filter((h) => h.algorithm === 'sha512').map((h) => h.hex))];
  return { ok: true, hex };
}

/** One entry, or why it is refused. */
function readEntry(token: string): { algorithm: Algorithm; hex: string } | string {
  const shown = JSON.stringify(token.slice(0, 40));
  const match = ENTRY.exec(token);
  if (!match) return `unreadable integrity entry ${shown}`;
  const [, name = '', base64 = ''] = match;
  const algorithm = ALGORITHMS.find((a) => a === name);
  if (!algorithm) return `integrity algorithm ${JSON.stringify(name)} is not one we can check`;
  const bytes = Buffer.from(base64, 'base64');
  // ssri compares the base64 text itself, so only the canonical spelling of the right length
  // is the digest npm would match; anything else would let our reading differ from npm's.
  if (bytes.length !== DIGEST_BYTES[algorithm] || bytes.toString('base64') !== base64) {
    return `integrity ${algorithm} value ${shown} is not ${DIGEST_BYTES[algorithm]} bytes of canonical base64`;
  }
  return { algorithm, hex: bytes.toString('hex') };
}
