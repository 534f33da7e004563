// trusted_root.json and npm keys.json for the test instance, in the exact shapes Sigstore's
// TUF repository distributes, so code under test parses them like the production ones.
import type { TestFulcio } from './fulcio';
import type { TestKey } from './keys';
import type { TestRekor } from './rekor';

export const TRUST_START = '2020-01-01T00:00:00Z';
const KEY_DETAILS = 'PKIX_ECDSA_P256_SHA_256';

export interface TrustedRootJson {
  mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1';
  tlogs: LogInstanceJson[];
  certificateAuthorities: {
    subject: { organization: string; commonName: string };
    uri: string;
    certChain: { certificates: { rawBytes: string }[] };
    validFor: { start: string; end?: string };
  }[];
  ctlogs: LogInstanceJson[];
  timestampAuthorities: never[];
}

interface LogInstanceJson {
  baseUrl: string;
  hashAlgorithm: 'SHA2_256';
  publicKey: { rawBytes: string; keyDetails: string; validFor: { start: string; end?: string } };
  logId: { keyId: string };
}

export interface NpmKeyJson {
  keyId: string;
  keyUsage: 'npm:attestations' | 'npm:signatures';
  publicKey: { rawBytes: string; keyDetails: string; validFor: { start: string; end?: string } };
}

export interface NpmKeysJson {
  keys: NpmKeyJson[];
}

function logInstance(baseUrl: string, key: TestKey): LogInstanceJson {
  return {
    baseUrl,
    hashAlgorithm: 'SHA2_256',
    publicKey: { rawBytes: key.spki.toString('base64'), keyDetails: KEY_DETAILS, validFor: { start: TRUST_START } },
    logId: { keyId: key.keyId.toString('base64') },
  };
}

export function buildTrustedRoot(fulcio: TestFulcio, ctKey: TestKey, rekor: TestRekor): TrustedRootJson {
  return {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [logInstance(rekor.baseUrl, rekor.key)],
    certificateAuthorities: [
      {
        subject: { organization: 'provenance-lens.test', commonName: 'test-sigstore' },
        uri: 'https://fulcio.provenance-lens.test',
        certChain: {
          certificates: [{ rawBytes: fulcio.intermediateDer.toString('base64') }, { rawBytes: fulcio.rootDer.toString('base64') }],
        },
        validFor: { start: TRUST_START },
      },
    ],
    ctlogs: [logInstance('https://ctfe.provenance-lens.test/test', ctKey)],
    timestampAuthorities: [],
  };
}

/** npm's key id format: `SHA256:` + unpadded base64 of sha256(SPKI). */
export function npmKeyId(key: TestKey): string {
  return `SHA256:${key.keyId.toString('base64').replace(/=+$/, '')}`;
}

/** Like the real registry, one key serves both usages, listed once per usage. */
export function buildNpmKeys(key: TestKey): NpmKeysJson {
  const publicKey = { rawBytes: key.spki.toString('base64'), keyDetails: KEY_DETAILS, validFor: { start: TRUST_START } };
  return {
    keys: [
      { keyId: npmKeyId(key), keyUsage: 'npm:signatures', publicKey },
      { keyId: npmKeyId(key), keyUsage: 'npm:attestations', publicKey: { ...publicKey, validFor: { ...publicKey.validFor } } },
    ],
  };
}
