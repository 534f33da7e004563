// Seed documents signed by the generated test Sigstore instance: available without
// ../shared, and covering shapes the real data lacks (GitLab/Google publishers, two-attestation
// provenance, intoto-kind npm entries, registry signatures, key-signed generic bundles).
import {
  createTestSigstore,
  fakeIntegrity,
  fakeSha256,
  githubIdentity,
  gitlabIdentity,
  googleIdentity,
  pep740ToBundle,
  SLSA_NODEJS_BUILDER,
  SLSA_PROVENANCE_V1,
  type TestSigstore,
} from '../../testing/testca/index';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance, type DistributionFile, type NpmVersionInfo, type TrustContext } from '../index';
import { bundleSeed, unitPaths } from './real-seeds';
import type { FuzzSeed } from './run-fuzz';
import { npmView, pypiView } from './signed-view';

export interface TestCaCorpus {
  ts: TestSigstore;
  trust: TrustContext;
  pypi: FuzzSeed[];
  npm: FuzzSeed[];
  bundles: FuzzSeed[];
}

// Fixed log times keep every run's documents alike (the keys differ per process, the shapes do not).
const T0 = 1_767_225_600; // 2026-01-01T00:00:00Z

function pypiSeed(id: string, doc: unknown, file: DistributionFile, trust: TrustContext): FuzzSeed {
  return { id, doc, binding: file, group: file.filename, verify: (d, b) => verifyPypiProvenance(d, b as DistributionFile, trust), view: pypiView, unitPaths };
}

function npmSeed(id: string, doc: unknown, version: NpmVersionInfo, trust: TrustContext): FuzzSeed {
  return {
    id,
    doc,
    binding: version,
    group: `${version.name}@${version.version}`,
    verify: (d, b) => verifyNpmAttestations(d, b as NpmVersionInfo, trust),
    view: npmView,
    unitPaths,
  };
}

function pem(spkiBase64: string): string {
  const lines = spkiBase64.match(/.{1,64}/g) ?? [];
  return ['-----BEGIN PUBLIC KEY-----', ...lines, '-----END PUBLIC KEY-----', ''].join('\n');
}

export async function testCaCorpus(): Promise<TestCaCorpus> {
  const ts = await createTestSigstore();
  const trust = createTrustContext({ trustedRoot: ts.trustedRoot, npmKeys: ts.npmKeys });
  const github = githubIdentity('acme/widget', { ref: 'refs/tags/v2.0.0', trigger: 'release' });
  const gitlab = gitlabIdentity('grp/sub/proj');
  const google = googleIdentity('publisher@acme.iam.gserviceaccount.com');
  // Signed in another repository's reusable workflow: .9 (the SAN) is not .18.
  const shared = 'https://github.com/acme-org/release-workflows/.github/workflows/pypi.yml@refs/tags/v4';
  const reusable = githubIdentity('acme/widget', { ref: 'refs/tags/v2.0.0', buildSignerUri: shared });
  const nodejsBuilt = githubIdentity('acme/widget', { ref: 'refs/tags/v2.0.0', buildSignerUri: SLSA_NODEJS_BUILDER });

  const wheel = { filename: 'widget-2.0.0-py3-none-any.whl', sha256: fakeSha256('widget-2.0.0-whl') };
  const sdist = { filename: 'proj-1.0.0.tar.gz', sha256: fakeSha256('proj-1.0.0') };
  const gfile = { filename: 'gadget-0.1.0.tar.gz', sha256: fakeSha256('gadget-0.1.0') };
  const publish = ts.pypiAttestation({ ...wheel, identity: github, integratedTime: T0 });
  const slsa = ts.pypiAttestation({ ...wheel, identity: github, predicateType: SLSA_PROVENANCE_V1, integratedTime: T0 + 5 });
  const gitlabAtt = ts.pypiAttestation({ ...sdist, identity: gitlab, integratedTime: T0 + 10 });
  const googleAtt = ts.pypiAttestation({ ...gfile, identity: google, integratedTime: T0 + 20 });
  const reusableAtt = ts.pypiAttestation({ ...wheel, identity: reusable, integratedTime: T0 + 25 });
  const pypi = [
    pypiSeed('testca github provenance (publish+slsa)', ts.pypiProvenance({ publisher: github, attestations: [publish, slsa] }), wheel, trust),
    pypiSeed('testca gitlab bare attestation', gitlabAtt, sdist, trust),
    pypiSeed('testca google provenance', ts.pypiProvenance({ publisher: google, attestations: [googleAtt] }), gfile, trust),
    pypiSeed('testca github reusable-workflow provenance', ts.pypiProvenance({ publisher: reusable, attestations: [reusableAtt] }), wheel, trust),
  ];

  const widget = { name: 'widget', version: '1.0.0', integrity: fakeIntegrity('widget-1.0.0') };
  const scoped = { name: '@acme/gadget', version: '2.0.0', integrity: fakeIntegrity('acme-gadget-2.0.0') };
  const widgetDoc = ts.npmAttestations({ ...widget, identity: github, slsa: 'v1', tlogKind: 'dsse', integratedTime: T0 + 30 });
  const scopedDoc = ts.npmAttestations({ ...scoped, identity: github, slsa: 'v1', tlogKind: 'intoto', integratedTime: T0 + 40 });
  const built = { name: 'built', version: '1.0.0', integrity: fakeIntegrity('built-1.0.0') };
  const builtDoc = ts.npmAttestations({ ...built, identity: nodejsBuilt, builder: 'slsa-nodejs', integratedTime: T0 + 45 });
  const signed = (v: typeof widget): NpmVersionInfo => ({ ...v, signatures: [ts.npmRegistrySignature(v)] });
  const npm = [
    npmSeed('testca npm widget@1.0.0 (dsse)', widgetDoc, signed(widget), trust),
    npmSeed('testca npm @acme/gadget@2.0.0 (intoto)', scopedDoc, signed(scoped), trust),
    npmSeed('testca npm built@1.0.0 (SLSA Node.js builder)', builtDoc, signed(built), trust),
  ];

  const san = 'https://github.com/acme/widget/.github/workflows/release.yml@refs/tags/v2.0.0';
  const policy = { identity: san, issuer: 'https://token.actions.githubusercontent.com' };
  const npmKey = ts.npmKeys.keys.find((k) => k.keyUsage === 'npm:attestations');
  if (!npmKey) throw new Error('test instance has no npm:attestations key');
  const publishBundle = widgetDoc.attestations.find((a) => a.bundle.verificationMaterial.publicKey)?.bundle;
  const bundles = [
    bundleSeed('testca pep740 bundle (identity policy)', pep740ToBundle(slsa), { artifact: { sha256: wheel.sha256 }, policy }, wheel.filename, trust),
    bundleSeed('testca npm publish bundle (key policy)', publishBundle, { artifact: { sha256: npmSha256Placeholder(widget) }, policy: { publicKeyPem: pem(npmKey.publicKey.rawBytes) } }, 'widget@1.0.0', trust),
  ];
  return { ts, trust, pypi, npm, bundles };
}

// npm statements bind sha512 only; verifyBundle binds DSSE bundles by sha256, so the publish
// bundle cannot verify as a generic bundle at all. It still exercises the key-policy path.
function npmSha256Placeholder(v: { integrity: string }): string {
  return Buffer.from(v.integrity.replace(/^sha512-/, ''), 'base64').subarray(0, 32).toString('hex');
}
