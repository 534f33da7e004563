// The registry adapters behind one call, plus the grammar gate every request passes first.
import type { PackageRef, PackageVerdict } from '../core/verdict';
import { isNpmName, isNpmVersion, isPypiName, isPypiVersion } from '../shared/package-names';
import type { AdapterDeps } from './adapter';
import { verifyNpmVersion } from './npm/version';
import { verifyPypiRelease } from './pypi/release';

/** Names and versions that may be put into a registry URL. */
export function isValidPackageRef(pkg: PackageRef): boolean {
  if (pkg.registry === 'pypi') return isPypiName(pkg.name) && (pkg.version === undefined || isPypiVersion(pkg.version));
  return isNpmName(pkg.name) && (pkg.version === undefined || isNpmVersion(pkg.version));
}

export function verifyPackage(pkg: PackageRef, deps: AdapterDeps): Promise<PackageVerdict> {
  if (!isValidPackageRef(pkg)) return Promise.reject(new RangeError('package name or version outside the registry grammar'));
  return pkg.registry === 'pypi' ? verifyPypiRelease(pkg, deps) : verifyNpmVersion(pkg, deps);
}
