// The worker's verifiers: src/core's synchronous verifiers, run through verifyAhead so their
// ECDSA checks go to WebCrypto (native) instead of the noble adapter (pure JS) where the
// answers are known to agree. Same verdicts, fewer milliseconds; src/core/crypto/verify-ahead.ts
// says why the verdict cannot differ. The CLI and tests keep calling the core directly.
import { verifyAhead } from '../core/crypto/verify-ahead';
import { verifyNpmAttestations, verifyPypiProvenance, type CoreApi } from '../core/index';
import type { Verifiers } from '../registries/adapter';

type CoreVerifiers = Pick<CoreApi, 'verifyPypiProvenance' | 'verifyNpmAttestations'>;

export interface WorkerVerifierOptions {
  /** The synchronous verifiers to wrap; tests pass the core under the crypto adapter. */
  core?: CoreVerifiers;
  /** WebCrypto to check signatures with; the global one when omitted, none when `null`. */
  subtle?: SubtleCrypto | null;
}

export function createWorkerVerifiers(options: WorkerVerifierOptions = {}): Verifiers {
  const core = options.core ?? { verifyPypiProvenance, verifyNpmAttestations };
  const subtle = (): SubtleCrypto | undefined =>
    options.subtle === null ? undefined : (options.subtle ?? (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle);
  return {
    verifyPypiProvenance: (doc, file, trust) => verifyAhead(() => core.verifyPypiProvenance(doc, file, trust), subtle()),
    verifyNpmAttestations: (doc, info, trust) => verifyAhead(() => core.verifyNpmAttestations(doc, info, trust), subtle()),
  };
}
