// npm's attestations endpoint response and registry signatures, signed by the test instance.
import { resolveWorkflow, type IdentitySpec } from './identity';
import { npmGitlabV02Statement } from './npm-gitlab';
import type { TlogEntryJson, TlogKind } from './rekor';
import { npmSlsaGeneratorStatement } from './slsa-generator';
import { signKeyless, signWithKey, type LogOptions, type Signed, type TestInstance } from './signing';
import { NPM_PUBLISH_V01, npmPublishStatement, npmSlsaV1Statement, type InTotoStatement } from './statements';
import { npmKeyId } from './trusted-root';

export interface NpmVersionSpec {
  name: string;
  version: string;
  /** `dist.integrity`, `sha512-<base64>`. */
  integrity: string;
}

export interface NpmAttestationsOptions extends NpmVersionSpec, LogOptions {
  identity: IdentitySpec;
  /** npm writes SLSA v1 on GitHub Actions and v0.2 on GitLab CI; the default follows the identity. */
  slsa?: 'v1' | 'v0.2';
  /**
   * Who wrote the SLSA predicate: npm's CLI (default), or the SLSA framework's Node.js builder
   * (its delegator layout; the identity must name the builder in `buildSignerUri`).
   */
  builder?: 'npm-cli' | 'slsa-nodejs';
  /** GitLab CI job name (npm's configSource.entryPoint); default `publish`. */
  jobName?: string;
  /**
   * Changes the SLSA predicate before it is signed: a builder that states something other than
   * what its certificate says (the signature stays valid; this is not tampering in transit).
   */
  editPredicate?: (predicate: Record<string, unknown>) => void;
  /** `dsse` like current data (SLSA bundle v0.3), `intoto` like 2023-2024 data (bundle v0.2). */
  tlogKind?: TlogKind;
}

export interface NpmBundleJson {
  mediaType: string;
  verificationMaterial: {
    publicKey?: { hint: string };
    certificate?: { rawBytes: string };
    x509CertificateChain?: { certificates: { rawBytes: string }[] };
    tlogEntries: TlogEntryJson[];
    timestampVerificationData: { rfc3161Timestamps: never[] };
  };
  dsseEnvelope: { payload: string; payloadType: string; signatures: { sig: string; keyid: string }[] };
}

export interface NpmAttestationsJson {
  attestations: { predicateType: string; bundle: NpmBundleJson }[];
}

const BUNDLE_V02 = 'application/vnd.dev.sigstore.bundle+json;version=0.2';
const BUNDLE_V03 = 'application/vnd.dev.sigstore.bundle.v0.3+json';
/** The registry signs its publish attestation a moment after the provenance was logged. */
const PUBLISH_DELAY_S = 2;

function bundle(mediaType: string, keyMaterial: Partial<NpmBundleJson['verificationMaterial']>, signed: Signed): NpmBundleJson {
  const { envelope, tlogEntry } = signed;
  return {
    mediaType,
    verificationMaterial: { ...keyMaterial, tlogEntries: [tlogEntry], timestampVerificationData: { rfc3161Timestamps: [] } },
    dsseEnvelope: {
      payload: envelope.payload.toString('base64'),
      payloadType: envelope.payloadType,
      signatures: [{ sig: envelope.signature.toString('base64'), keyid: envelope.keyid }],
    },
  };
}

export function npmAttestations(instance: TestInstance, options: NpmAttestationsOptions): NpmAttestationsJson {
  const { name, version, integrity, identity } = options;
  const kind = options.tlogKind ?? 'dsse';
  const statement = slsaStatement(options);
  options.editPredicate?.(statement.predicate);
  const provenance = signKeyless(instance, identity, statement, kind, options);
  const certificate = provenance.certificate.toString('base64');
  const certMaterial =
    kind === 'dsse' ? { certificate: { rawBytes: certificate } } : { x509CertificateChain: { certificates: [{ rawBytes: certificate }] } };
  const keyid = npmKeyId(instance.npmKey);
  const publishTime = Number(provenance.tlogEntry.integratedTime) + PUBLISH_DELAY_S;
  const publish = signWithKey(instance, instance.npmKey, keyid, npmPublishStatement(name, version, integrity), kind, {
    integratedTime: publishTime,
  });
  return {
    attestations: [
      { predicateType: NPM_PUBLISH_V01, bundle: bundle(BUNDLE_V02, { publicKey: { hint: keyid } }, publish) },
      { predicateType: statement.predicateType, bundle: bundle(kind === 'dsse' ? BUNDLE_V03 : BUNDLE_V02, certMaterial, provenance) },
    ],
  };
}

function slsaStatement(options: NpmAttestationsOptions): InTotoStatement {
  const { name, version, integrity, identity } = options;
  if (!('repository' in identity)) throw new Error('npm provenance comes from a CI workflow, not an e-mail identity');
  const w = resolveWorkflow(identity);
  const slsa = options.slsa ?? (w.forge === 'github' ? 'v1' : 'v0.2');
  if (options.builder === 'slsa-nodejs') {
    if (w.buildSignerUri === w.buildConfigUri) throw new Error('the SLSA Node.js builder runs as a reusable workflow: set buildSignerUri');
    return npmSlsaGeneratorStatement(name, version, integrity, w, slsa);
  }
  if (w.forge === 'github' && slsa === 'v1') return npmSlsaV1Statement(name, version, integrity, w);
  if (w.forge === 'gitlab' && slsa === 'v0.2') return npmGitlabV02Statement(name, version, integrity, w, options.jobName ?? 'publish');
  // npm's older GitHub v0.2 predicates are covered by real fixtures; no builder writes the rest.
  throw new Error(`SLSA ${slsa} provenance from ${w.forge} is not modelled`);
}

/** `dist.signatures[]` entry: ECDSA P-256 over `<name>@<version>:<integrity>`. */
export function npmRegistrySignature(instance: TestInstance, spec: NpmVersionSpec): { keyid: string; sig: string } {
  const message = Buffer.from(`${spec.name}@${spec.version}:${spec.integrity}`, 'utf8');
  return { keyid: npmKeyId(instance.npmKey), sig: instance.npmKey.sign(message).toString('base64') };
}
