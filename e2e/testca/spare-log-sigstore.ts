// The e2e test Sigstore instance plus a spare Rekor log that only the TUF repository names.
// The TUF refresh spec needs a bundle whose certificate chain the e2e build already trusts (same
// Fulcio, same CT log) and whose single difference is a log the build does not know: before the
// refresh that is "couldn't check" (TRUST_UNKNOWN_LOG), after it verified. createTestSigstore()
// keeps its instance private, so this assembles the same parts (src/testing/testca) itself and
// answers two views of one CA: `ca` (what the overlay trusts) and `spare` (logging to the new log).
import { createTestFulcio } from '../../src/testing/testca/fulcio';
import { testSigstoreFor, type TestSigstore, type TrustedRootJson } from '../../src/testing/testca/index';
import { generateTestKey } from '../../src/testing/testca/keys';
import { TestRekor } from '../../src/testing/testca/rekor';
import type { TestInstance } from '../../src/testing/testca/signing';

/** Host the spare log claims; never contacted (entries carry their proofs). */
export const SPARE_LOG_HOST = 'rekor-tuf.provenance-lens.test';

export interface SigstoreWithSpareLog {
  /** The instance the e2e build trusts through its overlay (as createTestSigstore() would be). */
  ca: TestSigstore;
  /** The same CA and CT log, logging to the spare Rekor log instead. */
  spare: TestSigstore;
  /** The spare log's entry for trusted_root.json `tlogs`, as Sigstore's TUF repository would add it. */
  spareTlog: TrustedRootJson['tlogs'][number];
}

export function createSigstoreWithSpareLog(): SigstoreWithSpareLog {
  const main: TestInstance = { fulcio: createTestFulcio(), ctKey: generateTestKey(), rekor: new TestRekor(generateTestKey()), npmKey: generateTestKey() };
  const spareInstance: TestInstance = { ...main, rekor: new TestRekor(generateTestKey(), SPARE_LOG_HOST) };
  const spare = testSigstoreFor(spareInstance);
  const spareTlog = spare.trustedRoot.tlogs[0];
  if (!spareTlog) throw new Error('spare log: no tlog entry in its trusted root');
  return { ca: testSigstoreFor(main), spare, spareTlog };
}
