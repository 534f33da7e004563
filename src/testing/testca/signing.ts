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
  /** Epoch seconds; default ten minutes ago. */
  integratedTime?: number;
  logIndex?: bigint | number | string;
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
  const integratedTime = log.integratedTime ?? defaultIntegratedTime();
  const leafKey = generateTestKey();
  const certificate = issueLeaf(instance.fulcio, instance.ctKey, leafKey, identity, integratedTime);
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
