// Binding an npm statement to the tarball: purl name/version and the sha512 of dist.integrity.
import { fail } from './outcome';
import { sha512DigestsOf } from './sri';
import { requireDigest, singleSubject, type Statement } from './statement';

/** `pkg:npm/%40scope/name@1.0.0` -> `{name: '@scope/name', version: '1.0.0'}`; undefined if not an npm purl. */
export function parseNpmPurl(purl: string): { name: string; version: string } | undefined {
  const prefix = 'pkg:npm/';
  if (!purl.startsWith(prefix)) return undefined;
  const rest = purl.slice(prefix.length);
  if (/[?#]/.test(rest)) return undefined;
  const at = rest.lastIndexOf('@');
  if (at <= 0) return undefined;
  try {
    const segments = rest.slice(0, at).split('/').map(decodeURIComponent);
    if (segments.length > 2 || segments.some((s) => s === '')) return undefined;
    if (segments.length === 2 && !segments[0]!.startsWith('@')) return undefined;
    return { name: segments.join('/'), version: decodeURIComponent(rest.slice(at + 1)) };
  } catch {
    return undefined;
  }
}

/**
 * The one sha512 (hex) of an SRI string; PARSE_INPUT when there is none, an entry is unreadable,
 * or several sha512 values disagree (no single digest then describes what npm accepts).
 */
export function sha512HexFromIntegrity(integrity: string): string {
  const digests = integrityDigests(integrity);
  if (digests.length !== 1) fail('PARSE_INPUT', 'dist.integrity holds several different sha512 values');
  return digests[0]!;
}

function integrityDigests(integrity: string): string[] {
  const read = sha512DigestsOf(integrity);
  if (!read.ok) fail('PARSE_INPUT', `dist.integrity: ${read.message}`);
  return read.hex;
}

export function checkNpmSubject(statement: Statement, name: string, version: string, integrity: string): void {
  const subject = singleSubject(statement);
  const purl = parseNpmPurl(subject.name);
  if (!purl || purl.name !== name || purl.version !== version) {
    fail('SUBJECT_NAME', `subject ${subject.name} is not pkg:npm/${name}@${version}`);
  }
  // npm accepts a tarball matching ANY sha512 listed, so the attestation must name every one.
  for (const hex of integrityDigests(integrity)) requireDigest(subject, 'sha512', hex);
}
