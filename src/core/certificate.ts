// Fulcio certificate extensions -> SignerIdentity. Values are read from the verified leaf only.
import type { X509Certificate } from '@sigstore/core';
import { fail } from './outcome';
import type { BuilderIdentity, Forge, SignerIdentity } from './verdict';
import { parseWorkflowUri, repositoryPath, workflowPathOf } from './workflow-uri';

export { repositoryPath, workflowPathOf } from './workflow-uri';

const FULCIO = '1.3.6.1.4.1.57264.1.';
// Since Fulcio v2 the values are DER UTF8Strings (.8-.22); the legacy .1-.6 hold raw bytes.
const V2 = {
  issuer: 8, buildSignerUri: 9, buildSignerDigest: 10, runnerEnvironment: 11, sourceRepositoryUri: 12, sourceRepositoryDigest: 13,
  sourceRepositoryRef: 14, sourceRepositoryId: 15, sourceRepositoryOwnerUri: 16, sourceRepositoryOwnerId: 17,
  buildConfigUri: 18, buildTrigger: 20, runInvocationUri: 21,
} as const;
const LEGACY = { issuer: 1, workflowTrigger: 2, workflowSha: 3, workflowName: 4, workflowRepository: 5, workflowRef: 6 } as const;

export const ISSUERS: Record<Exclude<Forge, 'other'>, string> = {
  github: 'https://token.actions.githubusercontent.com',
  gitlab: 'https://gitlab.com',
  google: 'https://accounts.google.com',
};

export type FulcioExtensions = Partial<Record<keyof typeof V2, string>> &
  Partial<Record<`legacy${Capitalize<keyof typeof LEGACY>}`, string>>;

// Each file's checks read the leaf's extensions two or three times, and the files of a release
// share one leaf (signing-key-memo.ts); every lookup scans the extension list decoding OIDs.
// Keyed by the certificate object: parsed certificates are never changed (x509-parse-memo.ts).
// A leaf whose extensions do not decode throws every time, and is not remembered.
const extensionsRead = new WeakMap<X509Certificate, Readonly<FulcioExtensions>>();

export function readExtensions(cert: X509Certificate): FulcioExtensions {
  let known = extensionsRead.get(cert);
  if (!known) extensionsRead.set(cert, (known = Object.freeze(decodeExtensions(cert))));
  return { ...known };
}

function decodeExtensions(cert: X509Certificate): FulcioExtensions {
  const out: Record<string, string> = {};
  for (const [name, n] of Object.entries(V2)) {
    const raw = cert.extension(FULCIO + n)?.value;
    if (raw) out[name] = decodeUtf8String(raw, FULCIO + n);
  }
  for (const [name, n] of Object.entries(LEGACY)) {
    const raw = cert.extension(FULCIO + n)?.value;
    if (raw) out[`legacy${name[0]!.toUpperCase()}${name.slice(1)}`] = utf8(raw);
  }
  return out as FulcioExtensions;
}

/** Decodes one DER UTF8String (tag 0x0c) that must fill the whole extension value. */
export function decodeUtf8String(der: Uint8Array, oid: string): string {
  if (der.length < 2 || der[0] !== 0x0c) fail('IDENTITY_EXTENSION', `extension ${oid} is not a UTF8String`);
  let length = der[1]!;
  let offset = 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets < 1 || octets > 3 || der.length < 2 + octets) fail('IDENTITY_EXTENSION', `extension ${oid}: bad length`);
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + der[2 + i]!;
    offset = 2 + octets;
  }
  if (offset + length !== der.length) fail('IDENTITY_EXTENSION', `extension ${oid}: length mismatch`);
  return utf8(der.subarray(offset));
}

function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    fail('IDENTITY_EXTENSION', 'certificate extension is not valid UTF-8');
  }
}

export function forgeOf(issuer: string): Forge {
  const entry = Object.entries(ISSUERS).find(([, url]) => url === issuer);
  return entry ? (entry[0] as Forge) : 'other';
}

export function identityFromCertificate(cert: X509Certificate): SignerIdentity {
  const ext = readExtensions(cert);
  const issuer = ext.issuer ?? ext.legacyIssuer;
  if (!issuer) fail('IDENTITY_ISSUER', 'certificate names no OIDC issuer');
  const san = cert.subjectAltName;
  if (!san) fail('IDENTITY_SAN', 'certificate has no subject alternative name');
  const forge = forgeOf(issuer);
  const identity: SignerIdentity = { forge, issuer, san };
  // Certificates issued before Fulcio's v2 extensions (early 2023) carry only .1-.6 for GitHub.
  const legacyGithub = forge === 'github' && !ext.sourceRepositoryUri && ext.legacyWorkflowRepository;
  const repositoryUrl = legacyGithub ? `https://github.com/${ext.legacyWorkflowRepository}` : ext.sourceRepositoryUri;
  if (repositoryUrl) {
    identity.repositoryUrl = repositoryUrl;
    const repository = repositoryPath(repositoryUrl);
    if (repository) identity.repository = repository;
  }
  if (ext.buildConfigUri) {
    identity.buildConfigUri = ext.buildConfigUri;
    const path = workflowPathOf(ext.buildConfigUri, forge, ext.sourceRepositoryRef);
    if (path) identity.workflowPath = path;
    // Another workflow built it (a reusable workflow, the SLSA framework's builders): the
    // signer (.9) is not the caller's workflow (.18), and who that is belongs to the identity.
    if (ext.buildSignerUri && ext.buildSignerUri !== ext.buildConfigUri) {
      identity.builder = builderOf(ext.buildSignerUri, forge, ext.buildSignerDigest);
    }
  } else if (legacyGithub) {
    // The legacy SAN is the job workflow ref: the caller's workflow, or a reusable workflow of
    // another repository, whose path says nothing about the caller's (that one is unknown).
    const signer = parseWorkflowUri(san, forge);
    if (signer && signer.repository.toLowerCase() !== ext.legacyWorkflowRepository?.toLowerCase()) {
      identity.builder = builderOf(san, forge, undefined);
    } else {
      const path = workflowPathOf(san, forge, ext.legacyWorkflowRef);
      if (path) identity.workflowPath = path;
    }
  }
  assign(identity, 'ref', ext.sourceRepositoryRef ?? ext.legacyWorkflowRef);
  assign(identity, 'commit', ext.sourceRepositoryDigest ?? ext.legacyWorkflowSha);
  assign(identity, 'trigger', ext.buildTrigger ?? ext.legacyWorkflowTrigger);
  assign(identity, 'runUrl', ext.runInvocationUri);
  assign(identity, 'runnerEnvironment', ext.runnerEnvironment);
  assign(identity, 'repositoryId', ext.sourceRepositoryId);
  assign(identity, 'ownerId', ext.sourceRepositoryOwnerId);
  if (ext.sourceRepositoryOwnerUri) assign(identity, 'owner', repositoryPath(ext.sourceRepositoryOwnerUri)?.split('/').pop());
  if (forge === 'google' && san.includes('@')) identity.email = san;
  return identity;
}

function assign<K extends keyof SignerIdentity>(target: SignerIdentity, key: K, value: SignerIdentity[K] | undefined): void {
  if (value !== undefined && value !== '') target[key] = value;
}

function builderOf(uri: string, forge: Forge, digest: string | undefined): BuilderIdentity {
  const builder: BuilderIdentity = { uri };
  const parsed = parseWorkflowUri(uri, forge);
  if (parsed) Object.assign(builder, parsed);
  if (digest) builder.commit = digest;
  return builder;
}

// Several attestations about one artifact must name one signer, or the badge would show
// whichever happened to come first.
export function sameIdentity(a: SignerIdentity, b: SignerIdentity): boolean {
  // GitHub names are case-insensitive; elsewhere compare exactly.
  const fold = (s: string | undefined, forge: SignerIdentity['forge']) => (forge === 'github' ? s?.toLowerCase() : s);
  return (
    a.issuer === b.issuer &&
    a.forge === b.forge &&
    fold(a.repository, a.forge) === fold(b.repository, b.forge) &&
    a.workflowPath === b.workflowPath &&
    a.email === b.email &&
    // One build has one signer workflow: the same builder at the same ref, or none.
    a.builder?.uri === b.builder?.uri &&
    (a.forge === 'github' || a.forge === 'gitlab' || a.san === b.san)
  );
}
