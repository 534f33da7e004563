// Runs a synchronous verification once, with its signature checks done by WebCrypto (native,
// asynchronous) instead of noble (pure JS), where that is known to give the same answers.
//
// Why a single recorded pass gives the right verdict:
//  1. `fn` (a src/core verifier under the noble adapter) is a deterministic function of its
//     inputs and of the answers verify() gives it: hashing, parsing and comparisons really run,
//     only signature checks are answered from outside. Given the same answers, it asks the same
//     questions in the same order and returns the same result.
//  2. In recording mode (verify-requests.ts) every verify() answers what a normal pass would,
//     except a memo miss, which answers `true` and is recorded exactly (key, scheme, hash,
//     signed data, signature; keyed as the memo keys it).
//  3. If WebCrypto answers every recorded request and every answer is `true`, then each answer
//     the recorded pass got equals the one a normal pass would have got, so by (1) its result
//     is the normal pass's result: return it, and keep the `true` answers in the memo.
//  4. Otherwise (a `false`, a request WebCrypto cannot answer or throws on, no crypto.subtle,
//     or `fn` threw while recording) the recorded result proves nothing and is dropped. The
//     definite WebCrypto answers are seeded into the memo and `fn` runs again normally: that
//     authoritative pass takes seeded answers as decided and asks noble for the rest.
// WebCrypto is only asked where its answer equals noble's (ecdsa-subtle.ts), so seeding it is
// no weaker than the memo's own entries. The memo is bounded: an evicted seed only means noble
// computes that answer again in step 4.
import { subtleAnswer } from './ecdsa-subtle';
import { seedVerifyMemo } from './signature-verify';
import { recordVerifyRequests, RecordingReentryError, type VerifyRequest } from './verify-requests';

function defaultSubtle(): SubtleCrypto | undefined {
  return (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
}

async function answerAll(subtle: SubtleCrypto, requests: VerifyRequest[]): Promise<(boolean | undefined)[]> {
  // subtleAnswer never rejects; a misbehaving `subtle` still must not lose the verdict.
  return Promise.all(requests.map((r) => subtleAnswer(subtle, r).catch(() => undefined)));
}

/**
 * `fn()`'s result, with signature checks answered by `subtle` where possible. `fn` must be
 * synchronous and depend on nothing but its inputs and verify()'s answers (the core's
 * verifiers); it runs once when WebCrypto confirms every check, otherwise twice.
 */
export async function verifyAhead<T>(fn: () => T, subtle: SubtleCrypto | undefined = defaultSubtle()): Promise<T> {
  let recorded: { result: T; requests: VerifyRequest[]; remember: () => void };
  try {
    recorded = recordVerifyRequests(fn);
  } catch (error) {
    // Called from inside a recording: a programming error, not a verdict.
    if (error instanceof RecordingReentryError) throw error;
    // A throw under optimistic answers says nothing about a real pass; let that pass decide.
    return fn();
  }
  if (recorded.requests.length === 0) {
    recorded.remember();
    return recorded.result;
  }
  if (!subtle) return fn();
  const answers = await answerAll(subtle, recorded.requests);
  recorded.requests.forEach((r, i) => {
    const answer = answers[i];
    if (answer !== undefined) seedVerifyMemo(r.memoKey, answer);
  });
  if (answers.every((a) => a === true)) {
    // Every answer the pass got was right: what it would remember rests on true answers.
    recorded.remember();
    return recorded.result;
  }
  return fn();
}
