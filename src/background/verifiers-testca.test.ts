// The worker's verifiers on test-CA provenance, valid and broken one piece at a time: the same
// verdict as the sync core under the noble adapter with real WebCrypto, with a WebCrypto that
// throws and with none; and a WebCrypto that denies one check turns a valid package invalid,
// because the authoritative second pass takes the seeded `false`.
import { webcrypto } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clearCryptoMemos } from '../core/crypto/node-crypto';
import { withCrypto } from '../core/crypto/testing/swap-node-crypto';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance, type ArtifactVerdict, type TrustContext } from '../core/index';
import type { Verifiers } from '../registries/adapter';
import { createTestSigstore, fakeIntegrity, fakeSha256, githubIdentity, type TestSigstore } from '../testing/testca/index';
import { createWorkerVerifiers } from './verifiers';

const real = webcrypto.subtle as SubtleCrypto;
const core = {
  verifyPypiProvenance: (...a: Parameters<typeof verifyPypiProvenance>) => withCrypto('adapter', () => verifyPypiProvenance(...a)),
  verifyNpmAttestations: (...a: Parameters<typeof verifyNpmAttestations>) => withCrypto('adapter', () => verifyNpmAttestations(...a)),
};
const throwing = { importKey: () => Promise.reject(new Error('no')), verify: () => { throw new Error('no'); } } as unknown as SubtleCrypto;

let ts: TestSigstore;
let trust: TrustContext;
beforeAll(async () => {
  ts = await createTestSigstore();
  trust = withCrypto('adapter', () => createTrustContext({ trustedRoot: ts.trustedRoot, npmKeys: ts.npmKeys }));
});
beforeEach(() => clearCryptoMemos());

const github = githubIdentity('acme/widget', { ref: 'refs/tags/v2.0.0', trigger: 'release', runnerEnvironment: 'github-hosted' });
const file = { filename: 'widget-2.0.0-py3-none-any.whl', sha256: fakeSha256('widget-2.0.0') };
const version = { name: '@acme/widget', version: '2.0.0', integrity: fakeIntegrity('acme-widget-2.0.0') };

const flip = (b64: string): string => {
  const bytes = Buffer.from(b64, 'base64');
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01;
  return bytes.toString('base64');
};

type Case = { name: string; run: (v: Verifiers) => ArtifactVerdict | Promise<ArtifactVerdict> };

function cases(): Case[] {
  const pypi = () => ts.pypiProvenance({ publisher: github, attestations: [ts.pypiAttestation({ ...file, identity: github })] });
  const npm = () => ts.npmAttestations({ ...version, identity: github, slsa: 'v1' });
  const signed = () => ({ ...version, signatures: [ts.npmRegistrySignature(version)] });
  const badSig = pypi();
  const att = badSig.attestation_bundles[0]!.attestations[0]!;
  att.envelope.signature = flip(att.envelope.signature);
  const badStatement = pypi();
  const stmtAtt = badStatement.attestation_bundles[0]!.attestations[0]!;
  const statement = JSON.parse(Buffer.from(stmtAtt.envelope.statement, 'base64').toString('utf8'));
  statement.subject[0].name = `${file.filename} `;
  stmtAtt.envelope.statement = Buffer.from(JSON.stringify(statement)).toString('base64');
  const npmBadSig = npm();
  const sig = npmBadSig.attestations[1]!.bundle.dsseEnvelope.signatures[0]!;
  sig.sig = flip(sig.sig);
  const registry = ts.npmRegistrySignature(version);
  // Each document is made once: both verifiers must judge the same bytes.
  const [pypiValid, pypiOther, npmValid, npmBadRegistry, npmSigned] = [pypi(), pypi(), npm(), npm(), signed()];
  return [
    { name: 'pypi valid', run: (v) => v.verifyPypiProvenance(pypiValid, file, trust) },
    { name: 'pypi flipped signature', run: (v) => v.verifyPypiProvenance(badSig, file, trust) },
    { name: 'pypi tampered statement', run: (v) => v.verifyPypiProvenance(badStatement, file, trust) },
    { name: 'pypi wrong digest', run: (v) => v.verifyPypiProvenance(pypiOther, { ...file, sha256: fakeSha256('other') }, trust) },
    { name: 'npm valid', run: (v) => v.verifyNpmAttestations(npmValid, npmSigned, trust) },
    { name: 'npm flipped signature', run: (v) => v.verifyNpmAttestations(npmBadSig, npmSigned, trust) },
    { name: 'npm bad registry signature', run: (v) => v.verifyNpmAttestations(npmBadRegistry, { ...version, signatures: [{ ...registry, sig: flip(registry.sig) }] }, trust) },
  ];
}

describe('worker verifiers on test-CA material', () => {
  it.each([
    ['real WebCrypto', real],
    ['a throwing WebCrypto', throwing],
    ['no WebCrypto', null],
  ] as const)('give the sync core verdict with %s', async (_, subtle) => {
    const wrapped = createWorkerVerifiers({ core, subtle });
    const statuses: string[] = [];
    for (const c of cases()) {
      clearCryptoMemos();
      const expected = await c.run(core);
      clearCryptoMemos();
      expect({ name: c.name, verdict: await c.run(wrapped) }).toEqual({ name: c.name, verdict: expected });
      statuses.push(expected.status);
    }
    expect(statuses).toEqual(['verified', 'invalid', 'invalid', 'invalid', 'verified', 'invalid', 'invalid']);
  });

  it('a WebCrypto that denies one check makes a valid package invalid', async () => {
    let calls = 0;
    const denyFirst = {
      importKey: real.importKey.bind(real),
      verify: (...args: Parameters<SubtleCrypto['verify']>) => (calls++ === 0 ? Promise.resolve(false) : real.verify(...args)),
    } as unknown as SubtleCrypto;
    for (const c of cases().filter((x) => x.name.endsWith('valid'))) {
      clearCryptoMemos();
      calls = 0;
      expect((await c.run(core)).status).toBe('verified');
      clearCryptoMemos();
      expect((await c.run(createWorkerVerifiers({ core, subtle: denyFirst }))).status).toBe('invalid');
    }
  });
});
