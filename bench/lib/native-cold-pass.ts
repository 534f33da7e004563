// One cold first pass of the core under native Node crypto, in a process of its own (so the
// code has never run): bench/verify-in-worker.ts starts several and takes their median.
// Prints the per-package times and statuses as one JSON line.
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../../src/core/index';
import { FIXTURES_DIR } from '../../src/testing/fixtures';
import { createRoundRunner } from '../browser/verify-rounds';
import { loadPackageCases } from './package-cases';

const nativeCore = { createTrustContext, verifyPypiProvenance, verifyNpmAttestations, clearMemos: () => undefined };
const pass = createRoundRunner(nativeCore, loadPackageCases(FIXTURES_DIR)).cold();
console.log(JSON.stringify(pass));
