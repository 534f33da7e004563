// One locked package through the extension's own path (src/registries: the same adapters,
// verifiers and combine rules as the worker), then the one thing only a lockfile adds: the
// bytes it installs must be the bytes the provenance attests. npm: every sha512 of the
// lockfile's integrity is the registry's, which the core matched with the attested digest.
// PyPI: every hashed file of the lock is a file of the release, and only those are judged.
import type { ErrorCode } from '../../core/errors';
import { sha512DigestsOf } from '../../core/sri';
import type { PackageVerdict } from '../../core/verdict';
import type { AdapterDeps } from '../../registries/adapter';
import { unavailableVerdict } from '../../registries/combine';
import { continuityFor } from '../../registries/continuity';
import { fetchVersionDoc } from '../../registries/npm/api';
import { verifyNpmDoc } from '../../registries/npm/version';
import { fetchRelease, type PypiFile } from '../../registries/pypi/api';
import { verifyPypiFiles } from '../../registries/pypi/release';
import type { RegistryPackage } from './locked-package';

export interface PackageAudit {
  verdict: PackageVerdict;
  /** False when the lock names no digest the provenance could bind (yarn berry, unhashed pip). */
  bound: boolean;
  /** Whether continuity was judged; unknown continuity is not kept in the cache. */
  continuityKnown: boolean;
}

function failed(verdict: PackageVerdict, code: ErrorCode, message: string): PackageVerdict {
  return { pkg: verdict.pkg, files: verdict.files, checkedAt: verdict.checkedAt, status: 'invalid', code, message };
}

/** Why the lockfile's integrity is not what the registry serves (and provenance binds), or null. */
export function npmBindingFault(lockIntegrity: string, registryIntegrity: string, attested: boolean): string | null {
  const lock = sha512DigestsOf(lockIntegrity);
  if (!lock.ok) return attested ? `the lockfile's integrity cannot be bound: ${lock.message}` : null;
  const registry = sha512DigestsOf(registryIntegrity);
  if (!registry.ok) return attested ? `the registry's integrity cannot be bound: ${registry.message}` : null;
  const missing = lock.hex.find((hex) => !registry.hex.includes(hex));
  return missing === undefined ? null : `the lockfile's sha512 ${missing.slice(0, 16)}… is not the tarball the registry serves${attested ? ' and the provenance attests' : ''}`;
}

/** Only what names the package: the lockfile's digests must not ride along into the verdict. */
const refOf = (pkg: RegistryPackage) => ({ registry: pkg.registry, name: pkg.name, version: pkg.version });

async function auditNpm(pkg: RegistryPackage, deps: AdapterDeps): Promise<{ verdict: PackageVerdict; bound: boolean }> {
  const doc = await fetchVersionDoc(deps.fetcher, pkg.name, pkg.version);
  if (!doc.ok) return { verdict: unavailableVerdict(refOf(pkg), doc.code, doc.message, deps.now()), bound: false };
  const verdict = await verifyNpmDoc(doc.value, deps);
  if (pkg.integrity === undefined) return { verdict, bound: false };
  if (verdict.status === 'invalid' || verdict.status === 'unavailable') return { verdict, bound: true };
  const attested = verdict.status === 'verified' || verdict.status === 'partial';
  const fault = npmBindingFault(pkg.integrity, doc.value.integrity, attested);
  return { verdict: fault === null ? verdict : failed(verdict, 'SUBJECT_DIGEST', fault), bound: true };
}

async function auditPypi(pkg: RegistryPackage, deps: AdapterDeps): Promise<{ verdict: PackageVerdict; bound: boolean }> {
  const release = await fetchRelease(deps.fetcher, pkg.name, pkg.version);
  if (!release.ok) return { verdict: unavailableVerdict(refOf(pkg), release.code, release.message, deps.now()), bound: false };
  const locked = pkg.files ?? [];
  if (locked.length === 0) return { verdict: await verifyPypiFiles(release.value, deps), bound: false };
  const chosen = new Map<string, PypiFile>();
  for (const file of locked) {
    const match = release.value.files.find((f) => f.sha256 === file.sha256 && (file.filename === undefined || f.filename === file.filename));
    if (!match) {
      const what = file.filename ?? `a file with sha256 ${file.sha256.slice(0, 16)}…`;
      const verdict = unavailableVerdict(refOf(pkg), 'SUBJECT_DIGEST', '', deps.now());
      return { verdict: failed(verdict, 'SUBJECT_DIGEST', `the lock's ${what} is not a file of ${pkg.name} ${pkg.version} on PyPI`), bound: true };
    }
    chosen.set(match.filename, match);
  }
  return { verdict: await verifyPypiFiles({ ...release.value, files: [...chosen.values()] }, deps), bound: true };
}

export async function auditPackage(pkg: RegistryPackage, deps: AdapterDeps): Promise<PackageAudit> {
  const { verdict, bound } = pkg.registry === 'npm' ? await auditNpm(pkg, deps) : await auditPypi(pkg, deps);
  if (verdict.status === 'invalid' || verdict.status === 'unavailable') return { verdict, bound, continuityKnown: true };
  // The release before this one, by the extension's own rules (continuity.ts): a note when its
  // publisher differs, or when it had provenance this one lacks.
  const found = await continuityFor(verdict, deps);
  if (found === null) return { verdict, bound, continuityKnown: false };
  return { verdict: found.note ? { ...verdict, continuity: found.note } : verdict, bound, continuityKnown: true };
}
