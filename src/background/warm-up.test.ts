// The worker's start-up verification (warm-up.ts) must run the whole verified path, the one a
// first badge takes, not stop at an early failure: the recorded provenance verifies against the
// built-in trust material for the file named. It keeps nothing and never fails the worker.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { embeddedTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import type { Verifiers } from '../registries/adapter';
import dists from '../../demo/recorded/pypi/sampleproject/dists.json';
import { createWorkerVerifiers } from './verifiers';
import { fakeStorage } from './testing/fake-storage';
import { warmOncePerSession, warmUpTrigger, warmVerification } from './warm-up';

/** The core's verifiers, recording what each call decided. */
function recording(): { verifiers: Verifiers; decided: string[]; files: string[] } {
  const decided: string[] = [];
  const files: string[] = [];
  return {
    decided,
    files,
    verifiers: {
      verifyPypiProvenance: (doc, file, trust) => {
        files.push(`${file.filename} ${file.sha256}`);
        const verdict = verifyPypiProvenance(doc, file, trust);
        decided.push(verdict.status === 'verified' ? `verified by ${verdict.identity?.repository}` : verdict.status);
        return verdict;
      },
      verifyNpmAttestations,
    },
  };
}

describe('start-up verification', () => {
  it('verifies the recorded sampleproject sdist end to end with the built-in trust material', async () => {
    const r = recording();
    await warmVerification(r.verifiers, embeddedTrustContext);
    expect(r.decided).toEqual(['verified by pypa/sampleproject']);
    // The digest it checks is the recorded distribution's own (demo/recorded/.../dists.json).
    const sdist = dists.distributions.find((d) => d.filename === 'sampleproject-4.0.0.tar.gz');
    expect(r.files).toEqual([`${sdist?.filename} ${sdist?.sha256}`]);
  });

  it("through the worker's own verifiers (verifyAhead; here over Node's crypto) it is verified too", async () => {
    const worker = createWorkerVerifiers();
    const decided: string[] = [];
    const watched: Verifiers = {
      ...worker,
      verifyPypiProvenance: async (doc, file, trust) => {
        const verdict = await worker.verifyPypiProvenance(doc, file, trust);
        decided.push(verdict.status);
        return verdict;
      },
    };
    await warmVerification(watched, embeddedTrustContext);
    expect(decided).toEqual(['verified']);
  });

  it('never rejects: no trust material, or a verifier that throws', async () => {
    const throwing: Verifiers = {
      verifyPypiProvenance: () => {
        throw new Error('boom');
      },
      verifyNpmAttestations,
    };
    await expect(warmVerification(throwing, embeddedTrustContext)).resolves.toBeUndefined();
    const noTrust = () => {
      throw new Error('no trust material');
    };
    await expect(warmVerification(recording().verifiers, noTrust)).resolves.toBeUndefined();
  });
});

describe('once per browser session', () => {
  it('runs in the first worker of a session only: a worker started again after an idle stop skips it', async () => {
    const session = fakeStorage();
    const first = recording();
    await warmOncePerSession(session, first.verifiers, embeddedTrustContext);
    expect(first.decided).toEqual(['verified by pypa/sampleproject']);
    const later = recording();
    await warmOncePerSession(session, later.verifiers, embeddedTrustContext);
    expect(later.decided).toEqual([]);
    // A new browser session (storage.session starts empty) warms again.
    const next = recording();
    await warmOncePerSession(fakeStorage(), next.verifiers, embeddedTrustContext);
    expect(next.decided).toHaveLength(1);
  });

  it('without storage.session, or when it fails, nothing runs and nothing rejects', async () => {
    const r = recording();
    await warmOncePerSession(undefined, r.verifiers, embeddedTrustContext);
    const broken = { ...fakeStorage(), get: () => Promise.reject(new Error('session storage gone')) };
    await expect(warmOncePerSession(broken, r.verifiers, embeddedTrustContext)).resolves.toBeUndefined();
    expect(r.decided).toEqual([]);
  });
});

describe('when the warm-up starts', () => {
  const TIMING = { quietMs: 50, askedWaitMs: 300 };
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A trigger under fake timers, as the worker makes it at its start. */
  function started() {
    vi.useFakeTimers();
    const warm = vi.fn();
    return { warm, trigger: warmUpTrigger(warm, TIMING) };
  }

  /** Once started, nothing the worker does later starts it again. */
  function onceOnly(warm: ReturnType<typeof vi.fn>, trigger: ReturnType<typeof warmUpTrigger>): void {
    trigger.asked();
    trigger.requested();
    vi.advanceTimersByTime(1_000);
    expect(warm).toHaveBeenCalledTimes(1);
  }

  it('at once in a worker asked nothing at its start (a browser start, ahead of any page), once', () => {
    const { warm, trigger } = started();
    vi.advanceTimersByTime(49);
    expect(warm).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(warm).toHaveBeenCalledTimes(1);
    onceOnly(warm, trigger);
  });

  it('a worker asked as it starts waits for its first registry request, and warms up in the task after it', () => {
    const { warm, trigger } = started();
    vi.advanceTimersByTime(10);
    trigger.asked();
    // Past the quiet time: the page's request, queued as the worker started, goes first.
    vi.advanceTimersByTime(100);
    expect(warm).not.toHaveBeenCalled();
    trigger.requested();
    // Not within the task that sent the request: that task hands the request to the network first.
    expect(warm).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(warm).toHaveBeenCalledTimes(1);
    onceOnly(warm, trigger);
  });

  it('asked, but no request comes (a revisit answered from the cache): once, the wait after the first ask', () => {
    const { warm, trigger } = started();
    trigger.asked();
    vi.advanceTimersByTime(200);
    // More asks do not put it off again: a stream of cached answers would.
    trigger.asked();
    vi.advanceTimersByTime(99);
    expect(warm).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(warm).toHaveBeenCalledTimes(1);
    onceOnly(warm, trigger);
  });

  it("a request sent without an ask (the worker's own work) starts it in the next task too", () => {
    const { warm, trigger } = started();
    trigger.requested();
    vi.advanceTimersByTime(0);
    expect(warm).toHaveBeenCalledTimes(1);
    onceOnly(warm, trigger);
  });
});
