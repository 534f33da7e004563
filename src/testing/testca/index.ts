// A complete Sigstore instance made by test code (Fulcio CA, CT log, Rekor log, npm registry
// key) and the signed PyPI and npm material it produces for identities the tests choose.
// Nothing is stored: keys are generated once per process and reused.
import { createHash } from 'node:crypto';
import { createTestFulcio } from './fulcio';
import { generateTestKey } from './keys';
import { npmAttestations, npmRegistrySignature, type NpmAttestationsJson, type NpmAttestationsOptions, type NpmVersionSpec } from './npm';
import {
  pypiAttestation,
  pypiProvenance,
  type Pep740Attestation,
  type PypiAttestationOptions,
  type PypiProvenance,
  type PypiPublisher,
} from './pypi';
import { TestRekor } from './rekor';
import { openKeylessSession, type KeylessSession, type KeylessSessionOptions, type TestInstance } from './signing';
import { buildNpmKeys, buildTrustedRoot, npmKeyId, type NpmKeysJson, type TrustedRootJson } from './trusted-root';
import type { IdentitySpec } from './identity';

export * from './identity';
export {
  pep740ToBundle,
  pypiPublisherFor,
  type BundleV03Json,
  type Pep740Attestation,
  type PypiAttestationOptions,
  type PypiProvenance,
  type PypiPublisher,
} from './pypi';
export type { NpmAttestationsJson, NpmAttestationsOptions, NpmBundleJson, NpmVersionSpec } from './npm';
export type { TlogEntryJson } from './rekor';
export type { KeylessSession, KeylessSessionOptions } from './signing';
export type { NpmKeysJson, TrustedRootJson } from './trusted-root';
export { NPM_PUBLISH_V01, PYPI_PUBLISH_V1, SLSA_PROVENANCE_V1, npmPurl } from './statements';
export { NPM_GITLAB_BUILD_TYPE, SLSA_PROVENANCE_V02 } from './npm-gitlab';
export { SLSA_DELEGATOR_BUILD_TYPE, SLSA_NODEJS_BUILDER } from './slsa-generator';

export interface TestSigstore {
  /** trusted_root.json for this instance; a fresh copy on every read, so tests may mutate it. */
  readonly trustedRoot: TrustedRootJson;
  /** npm keys.json (`npm:signatures` and `npm:attestations`); a fresh copy on every read. */
  readonly npmKeys: NpmKeysJson;
  /** `SHA256:...` id of the npm registry key. */
  readonly npmKeyId: string;
  /** A key and certificate for `identity` to sign several files with (see KeylessSession). */
  keylessSession(identity: IdentitySpec, integratedTime?: number, options?: KeylessSessionOptions): KeylessSession;
  pypiAttestation(options: PypiAttestationOptions): Pep740Attestation;
  pypiProvenance(options: { publisher: PypiPublisher | IdentitySpec; attestations: Pep740Attestation[] }): PypiProvenance;
  npmAttestations(options: NpmAttestationsOptions): NpmAttestationsJson;
  npmRegistrySignature(spec: NpmVersionSpec): { keyid: string; sig: string };
}

let shared: TestSigstore | undefined;

/**
 * The process-wide test instance, or with `fresh` a separate one whose CA and logs the
 * shared trusted root does not know (for "signed by someone else" tests).
 */
export async function createTestSigstore(options: { fresh?: boolean } = {}): Promise<TestSigstore> {
  if (options.fresh) return build();
  shared ??= build();
  return shared;
}

function build(): TestSigstore {
  return testSigstoreFor({
    fulcio: createTestFulcio(),
    ctKey: generateTestKey(),
    rekor: new TestRekor(generateTestKey()),
    npmKey: generateTestKey(),
  });
}

/** The TestSigstore view of assembled parts (e2e's spare-log instance shares a CA this way). */
export function testSigstoreFor(instance: TestInstance): TestSigstore {
  const trustedRoot = JSON.stringify(buildTrustedRoot(instance.fulcio, instance.ctKey, instance.rekor));
  const npmKeys = JSON.stringify(buildNpmKeys(instance.npmKey));
  return {
    get trustedRoot() {
      return JSON.parse(trustedRoot) as TrustedRootJson;
    },
    get npmKeys() {
      return JSON.parse(npmKeys) as NpmKeysJson;
    },
    npmKeyId: npmKeyId(instance.npmKey),
    keylessSession: (identity, integratedTime, options) => openKeylessSession(instance, identity, integratedTime, options),
    pypiAttestation: (o) => pypiAttestation(instance, o),
    pypiProvenance: (o) => pypiProvenance(o),
    npmAttestations: (o) => npmAttestations(instance, o),
    npmRegistrySignature: (o) => npmRegistrySignature(instance, o),
  };
}

/** Stand-in sha256 (hex) of a made-up distribution file. */
export function fakeSha256(seed: string): string {
  return createHash('sha256').update(`dist:${seed}`).digest('hex');
}

/** Stand-in `dist.integrity` of a made-up npm tarball. */
export function fakeIntegrity(seed: string): string {
  return `sha512-${createHash('sha512').update(`tarball:${seed}`).digest('base64')}`;
}
