// The one measuring loop for package verification, run unchanged under Node (native crypto) and
// inside Chromium's extension service worker (noble adapter), so both sides do identical work.
// Stateful so the driver can alternate sweeps between the two sides: machine noise then lands
// on both alike instead of on whichever ran during a busy minute.
// Also the entry of the bundle evaluated in the worker (bench-builds.ts buildWorkerBench): there
// it defines one global for the driver; under Node that global is simply unused.
// The Buffer installer must come first, as in the real worker entry.
import '../../src/core/crypto/install-buffer';
import type { CoreApi, TrustContext } from '../../src/core/api';
import { clearCryptoMemos } from '../../src/core/crypto/node-crypto';
import { verifyAhead } from '../../src/core/crypto/verify-ahead';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../../src/core/index';
import { clearParsedCertificates } from '../../src/core/x509-parse-memo';
import type { PackageCase, PackageCaseSet } from '../lib/package-cases';

export interface CoreFunctions extends Pick<CoreApi, 'createTrustContext' | 'verifyPypiProvenance' | 'verifyNpmAttestations'> {
  /** Forgets the adapter's key and signature memos; a no-op under native crypto. */
  clearMemos: () => void;
}

export interface RoundRunner {
  /**
   * First pass: builds the trust context (counted in the first package's time), memos empty,
   * code never run before (cold JIT). Answers per-package times and verdict statuses.
   */
  cold(): { ms: number[]; statuses: string[] };
  /** The same first pass, each package through verifyAhead: the shipped worker's first verdicts. */
  coldAhead(): Promise<{ ms: number[]; statuses: string[] }>;
  /**
   * One pass over every package. `clearMemos` first = each package is new to the memos (those
   * shared with earlier packages of the pass, like the Fulcio chain, do fill up as in real
   * use); without it, every package is a repeat.
   */
  sweep(clearMemos: boolean): number[];
  /**
   * The same pass with each package verified as the worker's verifiers do (verifyAhead: one
   * recorded pass, signatures checked by WebCrypto). Throws if a status differs from cold().
   */
  sweepAhead(clearMemos: boolean): Promise<number[]>;
}

function verifyOne(core: CoreFunctions, c: PackageCase, trust: TrustContext): string {
  const verdict = c.registry === 'pypi' ? core.verifyPypiProvenance(c.doc, c.file, trust) : core.verifyNpmAttestations(c.doc, c.version, trust);
  return verdict.status;
}

// The parse memo lives in the core itself, so both sides have one to forget.
function forget(core: CoreFunctions): void {
  core.clearMemos();
  clearParsedCertificates();
}

export function createRoundRunner(core: CoreFunctions, set: PackageCaseSet): RoundRunner {
  let trust: TrustContext | undefined;
  let statuses: string[] = [];
  const timed = (c: PackageCase, t: TrustContext): { ms: number; status: string } => {
    const start = performance.now();
    const status = verifyOne(core, c, t);
    return { ms: performance.now() - start, status };
  };
  const startCold = (): { t: TrustContext; trustMs: number } => {
    forget(core);
    const start = performance.now();
    const t = core.createTrustContext(set.trustInput);
    trust = t;
    return { t, trustMs: performance.now() - start };
  };
  const firstPass = (first: { ms: number; status: string }[], trustMs: number) => {
    statuses = first.map((r) => r.status);
    return { ms: first.map((r, i) => (i === 0 ? r.ms + trustMs : r.ms)), statuses };
  };
  return {
    cold() {
      const { t, trustMs } = startCold();
      return firstPass(
        set.cases.map((c) => timed(c, t)),
        trustMs,
      );
    },
    async coldAhead() {
      const { t, trustMs } = startCold();
      const first: { ms: number; status: string }[] = [];
      for (const c of set.cases) {
        const start = performance.now();
        const status = await verifyAhead(() => verifyOne(core, c, t));
        first.push({ ms: performance.now() - start, status });
      }
      return firstPass(first, trustMs);
    },
    sweep(clearMemos) {
      const t = trust;
      if (!t) throw new Error('cold() must run first');
      if (clearMemos) forget(core);
      return set.cases.map((c) => timed(c, t).ms);
    },
    async sweepAhead(clearMemos) {
      const t = trust;
      if (!t) throw new Error('cold() must run first');
      if (clearMemos) forget(core);
      const out: number[] = [];
      for (const [i, c] of set.cases.entries()) {
        const start = performance.now();
        const status = await verifyAhead(() => verifyOne(core, c, t));
        out.push(performance.now() - start);
        if (status !== statuses[i]) throw new Error(`${c.name}: ${status} ahead, ${String(statuses[i])} in cold()`);
      }
      return out;
    },
  };
}

export interface WorkerBenchApi {
  /** Takes the packages and runs the cold first pass. */
  start(set: PackageCaseSet): ReturnType<RoundRunner['cold']>;
  /** The same, through verifyAhead; a worker runs one or the other, so each pass is cold. */
  startAhead(set: PackageCaseSet): ReturnType<RoundRunner['coldAhead']>;
  sweep(clearMemos: boolean): number[];
  sweepAhead(clearMemos: boolean): Promise<number[]>;
}

let runner: RoundRunner | undefined;

// In the browser bundle `crypto` is the noble adapter, so these are its memos.
const adapterCore: CoreFunctions = { createTrustContext, verifyPypiProvenance, verifyNpmAttestations, clearMemos: clearCryptoMemos };

const api: WorkerBenchApi = {
  start(set) {
    runner = createRoundRunner(adapterCore, set);
    return runner.cold();
  },
  startAhead(set) {
    runner = createRoundRunner(adapterCore, set);
    return runner.coldAhead();
  },
  sweep(clearMemos) {
    if (!runner) throw new Error('start() first');
    return runner.sweep(clearMemos);
  },
  sweepAhead(clearMemos) {
    if (!runner) throw new Error('start() first');
    return runner.sweepAhead(clearMemos);
  },
};

(globalThis as { __provenanceLensBench?: WorkerBenchApi }).__provenanceLensBench = api;
