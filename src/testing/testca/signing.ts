// The two ways the test instance signs a statement, as the real services do it: keyless
// (fresh key, Fulcio leaf, Rekor entry) and with a long-lived key (npm's publish attestation).
import { issueLeaf, type TestFulcio } from './fulcio';
import type { IdentitySpec } from './identity';
import { generateTestKey, toPem, type TestKey } from './keys';
import type { SignedEnvelope, TestRekor, TlogEntryJson, TlogKind } from './rekor';
import { signStatement } from './statements';

export interface TestInstance {
  fulcio: TestFulcio;
  ctKey: TestKey;
  rekor: TestRekor;
  npmKey: TestKey;
}

export interface LogOptions {
  /** Epoch seconds; default ten minutes ago (the session's time when a session signs). */
  integratedTime?: number;
  logIndex?: bigint | number | string;
  /** Sign with this session's key and certificate instead of a fresh pair. */
  session?: KeylessSession;
}

/**
 * One ephemeral key and its Fulcio certificate, used for several signatures: what
 * pypa/gh-action-pypi-publish does for all files of one upload (sigstore-python's cached
 * signer), so the files of a real PyPI release share one certificate, each with its own log
 * entry (the shared fixtures' sampleproject 4.0.0 wheel and sdist do).
 */
export interface KeylessSession {
  readonly identity: IdentitySpec;
  readonly integratedTime: number;
  readonly leafKey: TestKey;
  readonly certificate: Buffer;
}

export interface KeylessSessionOptions {
  /** The embedded SCT names the trusted CT log but is signed by another key (a bad SCT signature). */
  forgedSct?: boolean;
  /** The leaf names the trusted intermediate as its issuer but is signed by another key. */
  forgedIssuerSignature?: boolean;
}

/** A fresh key passing for `named` (its SPKI and key id): what it signs claims to come from `named`. */
function impostor(named: TestKey): TestKey {
  return { ...generateTestKey(), spki: named.spki, keyId: named.keyId, publicKeyPem: named.publicKeyPem };
}

export function openKeylessSession(
  instance: TestInstance,
  identity: IdentitySpec,
  integratedTime = defaultIntegratedTime(),
  options: KeylessSessionOptions = {},
): KeylessSession {
  const leafKey = generateTestKey();
  const ctKey = options.forgedSct ? impostor(instance.ctKey) : instance.ctKey;
  const fulcio = options.forgedIssuerSignature ? { ...instance.fulcio, intermediateKey: impostor(instance.fulcio.intermediateKey) } : instance.fulcio;
  return { identity, integratedTime, leafKey, certificate: issueLeaf(fulcio, ctKey, leafKey, identity, integratedTime) };
}

export interface Signed {
  envelope: SignedEnvelope;
  tlogEntry: TlogEntryJson;
}

export function defaultIntegratedTime(): number {
  return Math.floor(Date.now() / 1000) - 600;
}

export function signKeyless(
  instance: TestInstance,
  identity: IdentitySpec,
  statement: object,
  kind: TlogKind,
  log: LogOptions,
): Signed & { certificate: Buffer } {
  const session = log.session ?? openKeylessSession(instance, identity, log.integratedTime);
  if (session.identity !== identity) throw new Error('a keyless session signs for its own identity only');
  const integratedTime = log.integratedTime ?? session.integratedTime;
  const { leafKey, certificate } = session;
  const envelope = signStatement(leafKey, statement);
  const tlogEntry = instance.rekor.entry(envelope, toPem('CERTIFICATE', certificate), {
    kind,
    integratedTime,
    logIndex: log.logIndex,
  });
  return { certificate, envelope, tlogEntry };
}

export function signWithKey(
  instance: TestInstance,
  key: TestKey,
  keyid: string,
  statement: object,
  kind: TlogKind,
  log: LogOptions,
): Signed {
  const integratedTime = log.integratedTime ?? defaultIntegratedTime();
  const envelope = signStatement(key, statement, keyid);
  const tlogEntry = instance.rekor.entry(envelope, key.publicKeyPem, { kind, integratedTime, logIndex: log.logIndex });
  return { envelope, tlogEntry };
}
