// Trust gaps (issue item 5): material from a CA, log or npm key the trust context does not know
// is "couldn't check" (unavailable, TRUST_) only when it claims a time after the snapshot
// (trustedRootDate); claiming an earlier time, the snapshot would know the authority, so it is
// invalid. The rule is checkTrustGaps in src/core/tlog-trust.ts: claimed time = the first
// positive tlog integratedTime, else the leaf's notBefore; "newer" = strictly after the root date.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestSigstore, fakeIntegrity, fakeSha256, githubIdentity, pep740ToBundle, type NpmKeysJson, type TestSigstore } from '../../testing/testca/index';
import { createTrustContext, embeddedTrustContext, verifyBundle, verifyNpmAttestations, verifyPypiProvenance, type TrustContext } from '../index';

const github = githubIdentity('acme/widget', { ref: 'refs/tags/v3.0.0' });
const file = { filename: 'widget-3.0.0.tar.gz', sha256: fakeSha256('widget-3.0.0') };
const pkg = { name: 'widget', version: '3.0.0', integrity: fakeIntegrity('widget-3.0.0') };
const SAN = 'https://github.com/acme/widget/.github/workflows/release.yml@refs/tags/v3.0.0';

let main: TestSigstore;
let other: TestSigstore;
let contexts: [string, TrustContext][];
beforeAll(async () => {
  main = await createTestSigstore();
  other = await createTestSigstore({ fresh: true });
  contexts = [
    ['the embedded production context', embeddedTrustContext()],
    ["the main test instance's trusted root", createTrustContext({ trustedRoot: main.trustedRoot, npmKeys: main.npmKeys })],
  ];
});

const seconds = (iso: string) => Date.parse(iso) / 1000;
const provenanceAt = (integratedTime: number) =>
  other.pypiProvenance({ publisher: github, attestations: [other.pypiAttestation({ ...file, identity: github, integratedTime })] });

describe('trust gaps: an unknown CA, log or key', () => {
  it('embeddedTrustContext().trustedRootDate is an ISO 8601 date string', () => {
    const date = embeddedTrustContext().trustedRootDate;
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(new Date(date).toISOString()).toBe(date);
  });

  it('PyPI material from an unknown instance, logged after trustedRootDate, is unavailable TRUST_UNKNOWN_CA', () => {
    for (const [name, trust] of contexts) {
      const after = seconds(trust.trustedRootDate) + 1;
      expect(verifyPypiProvenance(provenanceAt(after), file, trust), name).toMatchObject({ status: 'unavailable', code: 'TRUST_UNKNOWN_CA' });
    }
  });

  it('the same material claiming a time at or before trustedRootDate is invalid CERT_CHAIN', () => {
    for (const [name, trust] of contexts) {
      for (const at of [seconds(trust.trustedRootDate), seconds(trust.trustedRootDate) - 86_400]) {
        expect(verifyPypiProvenance(provenanceAt(at), file, trust), `${name} at ${at}`).toMatchObject({ status: 'invalid', code: 'CERT_CHAIN' });
      }
    }
  });

  it('a claimed time in the future is no sign of a newer snapshot: invalid, not unavailable', () => {
    for (const [name, trust] of contexts) {
      const future = Date.now() / 1000 + 7 * 86_400;
      const verdict = verifyPypiProvenance(provenanceAt(future), file, trust);
      expect(verdict, name).toMatchObject({ status: 'invalid', code: expect.stringMatching(/^(CERT|TLOG)_/) });
    }
  });

  it('without a log time the claim falls back to the certificate notBefore (old stays invalid, new unavailable)', () => {
    for (const [name, trust] of contexts) {
      for (const [offset, status] of [[-86_400, 'invalid'], [86_400, 'unavailable']] as const) {
        const doc = provenanceAt(seconds(trust.trustedRootDate) + offset);
        const entry = doc.attestation_bundles[0]!.attestations[0]!.verification_material.transparency_entries[0]!;
        entry.integratedTime = '0';
        expect(verifyPypiProvenance(doc, file, trust).status, `${name} ${offset}`).toBe(status);
      }
    }
  });

  it('a generic bundle from an unknown instance follows the same rule', () => {
    for (const [name, trust] of contexts) {
      const at = seconds(trust.trustedRootDate);
      const bundle = (t: number) => pep740ToBundle(other.pypiAttestation({ ...file, identity: github, integratedTime: t }));
      const policy = { identity: SAN, issuer: github.issuer };
      expect(verifyBundle(bundle(at + 60), { sha256: file.sha256 }, policy, trust), name).toMatchObject({ status: 'unavailable', code: 'TRUST_UNKNOWN_CA' });
      expect(verifyBundle(bundle(at - 60), { sha256: file.sha256 }, policy, trust), name).toMatchObject({ status: 'invalid', code: 'CERT_CHAIN' });
    }
  });

  it('npm publish attestations by an unknown registry key: unavailable TRUST_UNKNOWN_KEY after, invalid SIGNATURE_PUBLIC_KEY before', () => {
    for (const [name, trust] of contexts) {
      const root = seconds(trust.trustedRootDate);
      // The registry logs its publish attestation 2 s after the provenance (testca/npm.ts).
      const newer = other.npmAttestations({ ...pkg, identity: github, integratedTime: root + 60 });
      expect(verifyNpmAttestations(newer, pkg, trust), name).toMatchObject({ status: 'unavailable', code: 'TRUST_UNKNOWN_KEY' });
      const older = other.npmAttestations({ ...pkg, identity: github, integratedTime: root - 86_400 });
      expect(verifyNpmAttestations(older, pkg, trust), name).toMatchObject({ status: 'invalid', code: 'SIGNATURE_PUBLIC_KEY' });
    }
  });
});

describe('npm publish keys: unknown id vs known key outside its window', () => {
  const T = Date.parse('2026-01-01T00:00:00Z') / 1000;
  const doc = () => main.npmAttestations({ ...pkg, identity: github, integratedTime: T });
  const withKeys = (edit: (keys: NpmKeysJson) => void) => {
    const keys = main.npmKeys;
    edit(keys);
    return createTrustContext({ trustedRoot: main.trustedRoot, npmKeys: keys });
  };
  const attestationKey = (keys: NpmKeysJson) => keys.keys.find((k) => k.keyUsage === 'npm:attestations')!;

  it('verifies with the key inside its window (control)', () => {
    expect(verifyNpmAttestations(doc(), pkg, withKeys(() => undefined)).status).toBe('verified');
  });

  it('is unavailable TRUST_UNKNOWN_KEY when keys.json lacks the key id', () => {
    const trust = withKeys((keys) => {
      keys.keys = keys.keys.filter((k) => k.keyUsage !== 'npm:attestations');
    });
    expect(verifyNpmAttestations(doc(), pkg, trust)).toMatchObject({ status: 'unavailable', code: 'TRUST_UNKNOWN_KEY' });
  });

  it('is invalid SIGNATURE_PUBLIC_KEY when the key id is known but its window ended before, or starts after, the log time', () => {
    const ended = withKeys((keys) => {
      attestationKey(keys).publicKey.validFor.end = new Date((T - 3600) * 1000).toISOString();
    });
    expect(verifyNpmAttestations(doc(), pkg, ended)).toMatchObject({ status: 'invalid', code: 'SIGNATURE_PUBLIC_KEY' });
    const notYet = withKeys((keys) => {
      attestationKey(keys).publicKey.validFor.start = new Date((T + 3600) * 1000).toISOString();
    });
    expect(verifyNpmAttestations(doc(), pkg, notYet)).toMatchObject({ status: 'invalid', code: 'SIGNATURE_PUBLIC_KEY' });
  });
});
