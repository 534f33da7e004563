// Digest arguments are checked for shape up front: a typo in a digest must read as bad usage
// (exit 2), not as a SUBJECT_DIGEST verdict that blames the package.
import { usageError } from './cli-error';

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

/** `--sha256 HEX`: 64 hex digits, returned lower-case as the registry APIs give them. */
export function parseSha256Option(value: string): string {
  if (!SHA256_HEX.test(value)) throw usageError('--sha256 must be 64 hexadecimal digits');
  return value.toLowerCase();
}

/** `--digest sha256:HEX` (the only algorithm Sigstore bundles of plain artifacts use here). */
export function parseDigestOption(value: string): string {
  const match = /^sha256:(.*)$/i.exec(value);
  if (match === null || !SHA256_HEX.test(match[1] ?? '')) {
    throw usageError('--digest must look like sha256:<64 hexadecimal digits>');
  }
  return (match[1] ?? '').toLowerCase();
}

/**
 * `--integrity SRI` as npm prints it. npm attestations bind the sha512, so an SRI string
 * must carry one; other algorithms in the same string are allowed and ignored by the core.
 */
export function parseIntegrityOption(value: string): string {
  const sha512 = value
    .trim()
    .split(/\s+/)
    .find((token) => token.startsWith('sha512-'));
  if (sha512 === undefined) throw usageError('--integrity must be an SRI string with a sha512- hash');
  const base64 = sha512.slice('sha512-'.length).split('?')[0] ?? '';
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || Buffer.from(base64, 'base64').length !== 64) {
    throw usageError('--integrity sha512 value is not 64 bytes of base64');
  }
  return value.trim();
}
