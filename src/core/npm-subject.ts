// Binding an npm statement to the tarball: purl name/version and the sha512 of dist.integrity.
import { fail } from './outcome';
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

/** Hex sha512 from an SRI string (`sha512-<base64>`, possibly among other hashes). */
export function sha512HexFromIntegrity(integrity: string): string {
  const entry = integrity.trim().split(/\s+/).find((part) => part.startsWith('sha512-'));
  const b64 = entry?.slice('sha512-'.length).replace(/\?.*$/, '');
  if (!b64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) fail('PARSE_INPUT', 'dist.integrity has no sha512 value');
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  if (bytes.length !== 64) fail('PARSE_INPUT', 'dist.integrity sha512 has the wrong length');
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function checkNpmSubject(statement: Statement, name: string, version: string, integrity: string): void {
  const subject = singleSubject(statement);
  const purl = parseNpmPurl(subject.name);
  if (!purl || purl.name !== name || purl.version !== version) {
    fail('SUBJECT_NAME', `subject ${subject.name} is not pkg:npm/${name}@${version}`);
  }
  requireDigest(subject, 'sha512', sha512HexFromIntegrity(integrity));
}
