import { beforeAll, expect, it } from 'vitest';
import { fixtureCases } from '../testing/fixture-cases';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import type { TrustContext } from './api';
import { createTrustContext, verifyPypiProvenance } from './index';

function pypiCases() {
  return fixtureCases().flatMap((c) => (c.pypi ? [{ path: c.path, file: c.pypi, expected: c.expectVerified }] : []));
}

let trust: TrustContext;
beforeAll(() => {
  trust = createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json') });
});

describeRealData('PyPI fixtures give their expected verdict', () => {
  for (const c of pypiCases()) {
    it(`${c.path} ${c.expected ? 'verifies' : 'does not verify'}`, () => {
      const verdict = verifyPypiProvenance(readFixtureJson(c.path), c.file, trust);
      if (c.expected) {
        expect(verdict).toMatchObject({ status: 'verified' });
      } else {
        expect(verdict.status).not.toBe('verified');
        expect(verdict.status).not.toBe('none');
      }
    });
  }
});

const PROVENANCE_19 = 'pypi/pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance';
const FILE_19 = { filename: 'pypi_attestations-0.0.19.tar.gz', sha256: '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3' };
const PROVENANCE_30 = 'pypi/pypi-attestations/pypi_attestations-0.0.30-py3-none-any.whl.provenance.json';
const FILE_30 = { filename: 'pypi_attestations-0.0.30-py3-none-any.whl', sha256: 'b3a9c53f6cb89e5e7b5b70e6cfca97cfc66008c1ed54087355e06e40071cef21' };

type Provenance = {
  attestation_bundles: { publisher: Record<string, unknown>; attestations: { verification_material: { transparency_entries: { logId: { keyId: string } }[] } }[] }[];
};
const provenance = (path: string) => structuredClone(readFixtureJson<Provenance>(path));

describeRealData('PyPI verdicts bind the file and the publisher', () => {
  it('shows the identity and a > 2^31 log index from the certificate and the log', () => {
    const verdict = verifyPypiProvenance(readFixtureJson(PROVENANCE_30), FILE_30, trust);
    expect(verdict).toMatchObject({
      status: 'verified',
      identity: { forge: 'github', repository: 'pypi/pypi-attestations', workflowPath: '.github/workflows/release.yml', ref: 'refs/tags/v0.0.30' },
    });
    if (verdict.status !== 'verified') return;
    expect(verdict.attestations[0]?.log).toEqual({
      logIndex: '2272775063',
      integratedTime: expect.stringMatching(/^2026-/) as string,
      searchUrl: 'https://search.sigstore.dev/?logIndex=2272775063',
    });
  });

  it('accepts an equivalent spelling of the filename (PEP 503 name, upper-case digest)', () => {
    const file = { filename: 'PyPI.Attestations-0.0.19.tar.gz', sha256: FILE_19.sha256.toUpperCase() };
    expect(verifyPypiProvenance(readFixtureJson(PROVENANCE_19), file, trust).status).toBe('verified');
  });

  it.each([
    ['a wrong digest', { ...FILE_19, sha256: '0'.repeat(64) }, 'SUBJECT_DIGEST'],
    ['another file name', { ...FILE_19, filename: 'pypi_attestations-0.0.19.zip' }, 'SUBJECT_NAME'],
    ['another package name', { ...FILE_19, filename: 'pypi_attestation-0.0.19.tar.gz' }, 'SUBJECT_NAME'],
    ['another version', { ...FILE_19, filename: 'pypi_attestations-0.0.20.tar.gz' }, 'SUBJECT_NAME'],
  ])('is invalid for %s', (_what, file, code) => {
    expect(verifyPypiProvenance(readFixtureJson(PROVENANCE_19), file, trust)).toMatchObject({ status: 'invalid', code });
  });

  it.each([
    ['another repository', { repository: 'evil/pypi-attestations' }, 'IDENTITY_REPOSITORY'],
    ['another workflow', { workflow: 'other.yml' }, 'IDENTITY_WORKFLOW'],
    ['a workflow differing in case', { workflow: 'Release.yml' }, 'IDENTITY_WORKFLOW'],
    ['a GitLab publisher', { kind: 'GitLab', workflow_filepath: '.gitlab-ci.yml' }, 'IDENTITY_ISSUER'],
  ])('is invalid when the publisher names %s', (_what, change, code) => {
    const doc = provenance(PROVENANCE_19);
    Object.assign(doc.attestation_bundles[0]!.publisher, change);
    expect(verifyPypiProvenance(doc, FILE_19, trust)).toMatchObject({ status: 'invalid', code });
  });

  it('compares the GitHub owner/repo case-insensitively', () => {
    const doc = provenance(PROVENANCE_19);
    doc.attestation_bundles[0]!.publisher.repository = 'TrailOfBits/PyPI-Attestations';
    expect(verifyPypiProvenance(doc, FILE_19, trust).status).toBe('verified');
  });

  it('never verifies an ActiveState or unknown publisher', () => {
    const doc = provenance(PROVENANCE_19);
    doc.attestation_bundles[0]!.publisher = { kind: 'ActiveState', organization: 'x' };
    expect(verifyPypiProvenance(doc, FILE_19, trust)).toMatchObject({ status: 'unavailable', code: 'POLICY_UNSUPPORTED_PUBLISHER' });
  });

  it('calls an unknown log newer than the trust root "unavailable", an older one invalid', () => {
    const newer = provenance(PROVENANCE_30);
    newer.attestation_bundles[0]!.attestations[0]!.verification_material.transparency_entries[0]!.logId.keyId = btoa('x'.repeat(32));
    expect(verifyPypiProvenance(newer, FILE_30, trust)).toMatchObject({ status: 'unavailable', code: 'TRUST_UNKNOWN_LOG' });
    const older = provenance(PROVENANCE_19);
    older.attestation_bundles[0]!.attestations[0]!.verification_material.transparency_entries[0]!.logId.keyId = btoa('x'.repeat(32));
    expect(verifyPypiProvenance(older, FILE_19, trust)).toMatchObject({ status: 'invalid', code: 'TLOG_ENTRY' });
  });

  it('returns a verdict, never throws, for hostile shapes', () => {
    for (const doc of [null, 42, 'x', [], {}, { version: 1 }, { version: 1, attestation_bundles: [null] }]) {
      expect(verifyPypiProvenance(doc, FILE_19, trust).status).toBe('invalid');
    }
  });
});
