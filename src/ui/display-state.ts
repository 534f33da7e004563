// What a view shows for one package: still loading, the worker's verdict, or a failure to get one.
// A failed request is its own state (never a fake verdict) and always reads as "couldn't check".
import type { PackageRef, PackageVerdict, VerdictStatus } from '../core/verdict';
import type { ExplainableCode } from '../shared/code-text';

export type DisplayState =
  | { kind: 'loading'; pkg: PackageRef }
  | { kind: 'verdict'; pkg: PackageRef; verdict: PackageVerdict }
  | { kind: 'failed'; pkg: PackageRef; code: ExplainableCode; message: string };

export function statusOf(state: DisplayState): VerdictStatus {
  if (state.kind === 'loading') return 'loading';
  if (state.kind === 'failed') return 'unavailable';
  return state.verdict.status;
}

/** The package as resolved by the worker when known (a "latest" page gains its version). */
export function resolvedPkg(state: DisplayState): PackageRef {
  return state.kind === 'verdict' ? state.verdict.pkg : state.pkg;
}

/** `<registry>:<name>@<version>`, the value of `data-provenance-package` (DESIGN 4). */
export function packageAttr(pkg: PackageRef): string {
  return `${pkg.registry}:${pkg.name}@${pkg.version ?? ''}`;
}

export function packageTitle(pkg: PackageRef): string {
  return pkg.version === undefined || pkg.version === '' ? pkg.name : `${pkg.name} ${pkg.version}`;
}

/** Whether retrying could help: transport trouble and unavailable verdicts, never a decided one. */
export function canRetry(state: DisplayState): boolean {
  if (state.kind === 'failed') return true;
  return state.kind === 'verdict' && state.verdict.status === 'unavailable';
}
