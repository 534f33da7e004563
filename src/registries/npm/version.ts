// An npm version's verdict: its one tarball, bound by dist.integrity.
// FileVerdict has no integrity field, so for npm `sha256` carries the SRI string
// (`sha512-<base64>`); the prefix says which digest it is.
import type { ArtifactVerdict, PackageRef, PackageVerdict } from '../../core/verdict';
import type { AdapterDeps } from '../adapter';
import { combineFileVerdicts, unavailableVerdict } from '../combine';
import { fetchAttestations, fetchVersionDoc, type NpmVersionDoc } from './api';
import { NPM_REGISTRY_ORIGIN } from './hosts';

async function verdictFor(doc: NpmVersionDoc, deps: AdapterDeps): Promise<ArtifactVerdict> {
  // No dist.attestations: the registry holds none, so there is nothing to fetch.
  if (!doc.hasAttestations) return { status: 'none' };
  const known = await deps.known?.({ registry: 'npm', digest: doc.integrity, subject: `${doc.name}@${doc.version}` });
  if (known) return known;
  const res = await fetchAttestations(deps.fetcher, doc.name, doc.version);
  // The version document says attestations exist: a 404 now is the registry's trouble (or an
  // attacker hiding them), not "no provenance" - and "none" would be cached.
  if (res.kind === 'none') {
    return { status: 'unavailable', code: 'FETCH_NOT_FOUND', message: 'the version lists attestations, but the attestations endpoint has none' };
  }
  if (res.kind === 'error') return { status: 'unavailable', code: res.code, message: res.message };
  const info = {
    name: doc.name,
    version: doc.version,
    integrity: doc.integrity,
    registry: NPM_REGISTRY_ORIGIN,
    ...(doc.signatures ? { signatures: doc.signatures } : {}),
  };
  return await deps.verifiers.verifyNpmAttestations(res.doc, info, deps.trust);
}

export async function verifyNpmDoc(doc: NpmVersionDoc, deps: AdapterDeps): Promise<PackageVerdict> {
  const verdict = await verdictFor(doc, deps);
  const file = { filename: doc.tarballName, sha256: doc.integrity, verdict };
  return combineFileVerdicts({ registry: 'npm', name: doc.name, version: doc.version }, [file], deps.now());
}

export async function verifyNpmVersion(pkg: PackageRef, deps: AdapterDeps): Promise<PackageVerdict> {
  const doc = await fetchVersionDoc(deps.fetcher, pkg.name, pkg.version);
  if (!doc.ok) return unavailableVerdict(pkg, doc.code, doc.message, deps.now());
  return verifyNpmDoc(doc.value, deps);
}
