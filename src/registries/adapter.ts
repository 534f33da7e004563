// What every registry adapter needs from its caller. The verifiers are injected so worker
// tests can check orchestration with fakes; the real ones are src/core's functions, or in the
// worker async wrappers of them (src/background/verifiers.ts), so adapters await the verdict.
import type { CoreApi, TrustContext } from '../core/api';
import type { ArtifactVerdict, FileVerdict, PackageRef, Registry } from '../core/verdict';
import type { Fetcher } from './fetcher';

type MaybeAsync<F extends (...args: never[]) => unknown> = (...args: Parameters<F>) => ReturnType<F> | Promise<ReturnType<F>>;

export interface Verifiers {
  verifyPypiProvenance: MaybeAsync<CoreApi['verifyPypiProvenance']>;
  verifyNpmAttestations: MaybeAsync<CoreApi['verifyNpmAttestations']>;
}

/**
 * One artifact as the verdict on it depends on: its digest (PyPI sha256, npm SRI integrity)
 * and what the attestation subject must name (PyPI filename, npm `name@version`).
 */
export interface ArtifactRef {
  registry: Registry;
  digest: string;
  subject: string;
}

/** A verdict decided earlier (the worker's cache); `undefined` means "verify it now". */
export type KnownVerdicts = (ref: ArtifactRef) => Promise<ArtifactVerdict | undefined>;

export interface AdapterDeps {
  fetcher: Fetcher;
  verifiers: Verifiers;
  trust: TrustContext;
  now: () => number;
  known?: KnownVerdicts;
  /**
   * Nothing is known of the release yet (a first visit, a retry): PyPI's Simple API is asked beside
   * the release's JSON instead of after it (pypi/release.ts).
   */
  hintsAhead?: boolean;
}

export function artifactKey(ref: ArtifactRef): string {
  return `${ref.registry}|${ref.digest}|${ref.subject}`;
}

/** The artifact a file of a package verdict is: npm's subject is the package spec. */
export function fileRef(pkg: PackageRef & { version: string }, file: FileVerdict): ArtifactRef {
  return { registry: pkg.registry, digest: file.sha256, subject: pkg.registry === 'pypi' ? file.filename : `${pkg.name}@${pkg.version}` };
}
