// The npm registry: one version document and its attestations. Fields are validated here;
// `dist.attestations.url` is only a presence flag, the URL we fetch is built by us.
import type { NpmVersionInfo } from '../../core/api';
import type { ErrorCode } from '../../core/errors';
import { sha512DigestsOf } from '../../core/sri';
import { isNpmName, isNpmVersion, splitNpmName } from '../../shared/package-names';
import { ACCEPT_JSON, JSON_MAX_BYTES, type Fetcher } from '../fetcher';
import { apiUrl, RawSegment } from '../url';
import { NPM_REGISTRY_ORIGIN } from './hosts';

export interface NpmVersionDoc extends NpmVersionInfo {
  /** `dist.attestations` is present: the registry says it holds attestations. */
  hasAttestations: boolean;
  tarballName: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

const TARBALL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}\.tgz$/;
const MAX_SIGNATURES = 16;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The registry spells scoped names `@scope%2fname` in a single path segment. */
export function nameSegment(name: string): RawSegment {
  const { scope, bare } = splitNpmName(name);
  const encodedBare = encodeURIComponent(bare);
  return new RawSegment(scope === undefined ? encodedBare : `@${encodeURIComponent(scope)}%2f${encodedBare}`);
}

export function versionUrl(name: string, version?: string): URL {
  return apiUrl(NPM_REGISTRY_ORIGIN, [nameSegment(name), version ?? 'latest']);
}

export function attestationsUrl(name: string, version: string): URL {
  const spec = new RawSegment(`${nameSegment(name).encoded}@${encodeURIComponent(version)}`);
  return apiUrl(NPM_REGISTRY_ORIGIN, ['-', 'npm', 'v1', 'attestations', spec]);
}

function tarballName(tarball: unknown, name: string, version: string): string {
  if (typeof tarball === 'string') {
    try {
      const last = new URL(tarball).pathname.split('/').pop() ?? '';
      const decoded = decodeURIComponent(last);
      if (TARBALL.test(decoded)) return decoded;
    } catch {
      // an unparsable tarball URL only costs us the display name
    }
  }
  return `${splitNpmName(name).bare}-${version}.tgz`;
}

function parseSignatures(raw: unknown): { keyid: string; sig: string }[] | undefined | null {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || raw.length > MAX_SIGNATURES) return null;
  const out: { keyid: string; sig: string }[] = [];
  for (const s of raw) {
    if (!isRecord(s) || typeof s.keyid !== 'string' || typeof s.sig !== 'string') return null;
    if (s.keyid.length > 256 || s.sig.length > 1024) return null;
    out.push({ keyid: s.keyid, sig: s.sig });
  }
  return out;
}

export function parseVersionDoc(doc: unknown, requestedName: string, requestedVersion?: string): ApiResult<NpmVersionDoc> {
  const shape = (m: string) => ({ ok: false as const, code: 'PARSE_SHAPE' as const, message: `npm version document: ${m}` });
  if (!isRecord(doc) || !isRecord(doc.dist)) return shape('no dist object');
  const { name, version, dist } = doc as { name: unknown; version: unknown; dist: Record<string, unknown> };
  if (typeof name !== 'string' || !isNpmName(name) || name !== requestedName) return shape('document is for another package');
  if (typeof version !== 'string' || !isNpmVersion(version)) return shape('bad version');
  if (requestedVersion !== undefined && version !== requestedVersion) return shape(`document is for version ${version}`);
  const hasAttestations = dist.attestations !== undefined && dist.attestations !== null;
  // Read by the core's own SRI reader, so the worker and the core agree on what it says; whether
  // every sha512 in it is the attested one is the core's check (SUBJECT_DIGEST), not ours.
  const integrity = typeof dist.integrity === 'string' && sha512DigestsOf(dist.integrity).ok ? dist.integrity : undefined;
  // Without attestations the integrity is never used; with them it is what they must bind.
  if (hasAttestations && integrity === undefined) return shape('bad dist.integrity');
  const signatures = parseSignatures(dist.signatures);
  if (signatures === null) return shape('bad dist.signatures');
  const info: NpmVersionDoc = {
    name,
    version,
    integrity: integrity ?? '',
    hasAttestations,
    tarballName: tarballName(dist.tarball, name, version),
  };
  if (signatures) info.signatures = signatures;
  return { ok: true, value: info };
}

export async function fetchVersionDoc(fetcher: Fetcher, name: string, version?: string): Promise<ApiResult<NpmVersionDoc>> {
  const res = await fetcher(versionUrl(name, version), { accept: ACCEPT_JSON, maxBytes: JSON_MAX_BYTES, namesRelease: true });
  if (!res.ok) return { ok: false, code: res.code, message: `npm registry: ${res.message}` };
  return parseVersionDoc(res.json, name, version);
}

export type AttestationsResult = { kind: 'found'; doc: unknown } | { kind: 'none' } | { kind: 'error'; code: ErrorCode; message: string };

export async function fetchAttestations(fetcher: Fetcher, name: string, version: string): Promise<AttestationsResult> {
  const res = await fetcher(attestationsUrl(name, version), { accept: ACCEPT_JSON, maxBytes: JSON_MAX_BYTES, keptByDigest: true });
  if (res.ok) return { kind: 'found', doc: res.json };
  if (res.status === 404) return { kind: 'none' };
  return { kind: 'error', code: res.code, message: `npm attestations: ${res.message}` };
}
