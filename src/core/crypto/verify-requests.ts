// Recording mode of the signature adapter, for verify-ahead.ts. While one synchronous call
// runs, a verify() that the memo cannot answer is answered `true` and written down as an
// exact request, so the caller can check all of them afterwards with a faster, asynchronous
// verifier. Nothing is stored in the memo here: an optimistic answer must never outlive the
// recording, or a later real pass would take it as a decided one.
import type { DigestName } from './digests';
import type { KeyObject } from './key-object';

export interface VerifyRequest {
  /** The signature memo's key for this question (signature-verify.ts verifyMemoKey). */
  memoKey: string;
  /** Signer key as SubjectPublicKeyInfo DER; null when it came as PKCS#1 RSA. */
  spki: Uint8Array<ArrayBuffer> | null;
  /** 'ec' with its curve, 'ed25519' or 'rsa'. */
  keyKind: 'ec' | 'ed25519' | 'rsa';
  curve: 'P-256' | 'P-384' | 'P-521' | null;
  /** Hash the scheme applies to `data` (null for Ed25519, which signs the message itself). */
  hash: DigestName | null;
  /** The signed bytes, copied: the caller may reuse its buffer after verify() returns. */
  data: Uint8Array<ArrayBuffer>;
  /** DER (ECDSA) or raw (Ed25519, RSA) signature, copied as well. */
  signature: Uint8Array<ArrayBuffer>;
}

export interface RecordedQuestion {
  memoKey: string;
  key: KeyObject;
  hash: DigestName | null;
  message: Uint8Array;
  signature: Uint8Array;
}

/** Requests of the recording in progress, by memo key (a repeated question is asked once). */
let recording: Map<string, VerifyRequest> | null = null;
/** What the recording in progress would remember, if its optimistic answers are confirmed. */
let pending: (() => void)[] = [];

export function isRecording(): boolean {
  return recording !== null;
}

/** An object standing for the recording in progress (a new one per recording), or null. */
export function currentRecording(): object | null {
  return recording;
}

/** Records `q` and answers true when recording; answers false (do the real check) otherwise. */
export function recordIfRecording(q: RecordedQuestion): boolean {
  if (recording === null) return false;
  if (!recording.has(q.memoKey)) recording.set(q.memoKey, toRequest(q));
  return true;
}

function toRequest(q: RecordedQuestion): VerifyRequest {
  const m = q.key.material;
  // Only called for keys that reached the memo: EC, Ed25519 or RSA material.
  const keyKind = m.kind === 'ec' || m.kind === 'ed25519' ? m.kind : 'rsa';
  const spki = q.key.fingerprint.startsWith('spki:') ? new Uint8Array(q.key.export({ format: 'der', type: 'spki' }) as Uint8Array) : null;
  return {
    memoKey: q.memoKey,
    spki,
    keyKind,
    curve: m.kind === 'ec' ? m.curve : null,
    hash: q.hash,
    data: new Uint8Array(q.message),
    signature: new Uint8Array(q.signature),
  };
}

/**
 * Remembers something that rests on signature answers (confirmed-memo.ts): at once outside a
 * recording, and inside one only once every optimistic answer it gave is confirmed (the
 * caller of recordVerifyRequests runs `remember`), never if one is not.
 */
export function rememberWhenConfirmed(commit: () => void): void {
  if (recording === null) commit();
  else pending.push(commit);
}

export class RecordingReentryError extends Error {}

/**
 * Runs `fn` in recording mode and answers its result with the requests it made. Scoped to
 * this one synchronous call: re-entry throws (two recordings would mix their requests), and
 * the mode ends in `finally`, also when `fn` throws.
 */
export function recordVerifyRequests<T>(fn: () => T): { result: T; requests: VerifyRequest[]; remember: () => void } {
  if (recording !== null) throw new RecordingReentryError('verify requests are already being recorded');
  const requests = new Map<string, VerifyRequest>();
  recording = requests;
  pending = [];
  try {
    const result = fn();
    const commits = pending;
    return { result, requests: [...requests.values()], remember: () => commits.forEach((commit) => commit()) };
  } finally {
    recording = null;
    pending = [];
  }
}
