import { X509Certificate } from '@sigstore/core';
import { expect, it } from 'vitest';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import { identityFromCertificate } from './certificate';
import { checkSlsaPredicate, SLSA_V02, SLSA_V1 } from './npm-slsa';
import { parseNpmPurl, sha512HexFromIntegrity } from './npm-subject';
import type { SignerIdentity } from './verdict';

type Bundle = { verificationMaterial: { x509CertificateChain?: { certificates: { rawBytes: string }[] }; certificate?: { rawBytes: string } }; dsseEnvelope: { payload: string } };
type Predicate = Record<string, Record<string, unknown>>;

function real(path: string): { identity: SignerIdentity; predicate: Predicate } {
  const doc = readFixtureJson<{ attestations?: { predicateType: string; bundle: Bundle }[] } & Bundle>(path);
  const bundle = doc.attestations ? doc.attestations.find((a) => a.predicateType.startsWith('https://slsa.dev/'))!.bundle : doc;
  const vm = bundle.verificationMaterial;
  const raw = vm.certificate?.rawBytes ?? vm.x509CertificateChain!.certificates[0]!.rawBytes;
  const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8')) as { predicate: Predicate };
  return { identity: identityFromCertificate(X509Certificate.parse(Buffer.from(raw, 'base64'))), predicate: statement.predicate };
}

describeRealData('SLSA predicate against the certificate', () => {
  it('accepts the real v1 and v0.2 predicates', () => {
    const v1 = real('npm/@playwright/cli/cli@0.1.1.attestations.json');
    expect(() => checkSlsaPredicate(SLSA_V1, v1.predicate, v1.identity)).not.toThrow();
    for (const path of ['npm/sigstore/sigstore@1.0.0.attestations.json', 'npm/sigstore/sigstore@1.3.0.provenance.sigstore.json']) {
      const v02 = real(path);
      expect(() => checkSlsaPredicate(SLSA_V02, v02.predicate, v02.identity)).not.toThrow();
    }
  });

  it.each([
    ['repository', (p: Predicate) => ((p.buildDefinition!.externalParameters as Predicate).workflow!.repository = 'https://github.com/evil/x')],
    ['path', (p: Predicate) => ((p.buildDefinition!.externalParameters as Predicate).workflow!.path = '.github/workflows/other.yml')],
    ['ref', (p: Predicate) => ((p.buildDefinition!.externalParameters as Predicate).workflow!.ref = 'refs/heads/evil')],
    ['commit', (p: Predicate) => ((p.buildDefinition!.resolvedDependencies as { digest: Record<string, string> }[])[0]!.digest.gitCommit = '0'.repeat(40))],
    ['invocation id', (p: Predicate) => ((p.runDetails!.metadata as Record<string, string>).invocationId = 'https://github.com/x/y/actions/runs/1/attempts/1')],
  ])('flags a v1 predicate whose %s differs from the certificate', (_what, mutate) => {
    const { identity, predicate } = real('npm/@playwright/cli/cli@0.1.1.attestations.json');
    mutate(predicate);
    expect(() => checkSlsaPredicate(SLSA_V1, predicate, identity)).toThrow(expect.objectContaining({ code: 'IDENTITY_PREDICATE_MISMATCH' }));
  });

  it('flags a v0.2 predicate whose commit differs from the certificate', () => {
    const { identity, predicate } = real('npm/sigstore/sigstore@1.0.0.attestations.json');
    ((predicate.invocation!.configSource as Predicate).digest as Record<string, string>).sha1 = '0'.repeat(40);
    expect(() => checkSlsaPredicate(SLSA_V02, predicate, identity)).toThrow(expect.objectContaining({ code: 'IDENTITY_PREDICATE_MISMATCH' }));
  });
});

it('parses npm purls with encoded scopes and rejects look-alikes', () => {
  expect(parseNpmPurl('pkg:npm/%40playwright/cli@0.1.1')).toEqual({ name: '@playwright/cli', version: '0.1.1' });
  expect(parseNpmPurl('pkg:npm/sigstore@1.0.0')).toEqual({ name: 'sigstore', version: '1.0.0' });
  expect(parseNpmPurl('pkg:npm/scope/name@1.0.0')).toBeUndefined();
  expect(parseNpmPurl('pkg:npm/sigstore@1.0.0?x=1')).toBeUndefined();
  expect(parseNpmPurl('pkg:pypi/sigstore@1.0.0')).toBeUndefined();
});

it('turns an SRI sha512 into hex and refuses other hashes', () => {
  const hex = sha512HexFromIntegrity(`sha512-${btoa(String.fromCharCode(...new Array(64).fill(0xab)))}`);
  expect(hex).toBe('ab'.repeat(64));
  expect(() => sha512HexFromIntegrity('sha1-abc=')).toThrow(expect.objectContaining({ code: 'PARSE_INPUT' }));
});
