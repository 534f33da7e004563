// The fuzz oracle holds a registry-signed `none` to the rules of `verified` (issue 13.3): it is
// read from signed bytes, so a changed signed unit may never produce one, and an unsigned
// change may only keep the publish evidence the original showed. Verdicts from real fixtures.
import { beforeAll, expect, it } from 'vitest';
import { npmVersionOf } from '../../testing/fixture-cases';
import { describeRealData, readFixtureJson } from '../../testing/fixtures';
import { createTrustContext, verifyNpmAttestations, type ArtifactVerdict } from '../index';
import { expectationProblems, shapeProblems } from './oracle';

const FULL = 'npm/sigstore/sigstore@1.0.0.attestations.json';
const LONE = 'npm/sigstore/sigstore@1.3.0.publish.sigstore.json';

let full: ArtifactVerdict;
let lone: ArtifactVerdict;
let publishOnly: ArtifactVerdict;
beforeAll(() => {
  const trust = createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json'), npmKeys: readFixtureJson('sigstore/npm-registry-keys.json') });
  full = verifyNpmAttestations(readFixtureJson(FULL), npmVersionOf(FULL), trust);
  lone = verifyNpmAttestations(readFixtureJson(LONE), npmVersionOf(LONE), trust);
  const doc = structuredClone(readFixtureJson<{ attestations: { predicateType: string }[] }>(FULL));
  doc.attestations = doc.attestations.filter((a) => a.predicateType.includes('/publish/'));
  publishOnly = verifyNpmAttestations(doc, npmVersionOf(FULL), trust);
});

describeRealData('fuzz oracle: registry-signed none', () => {
  it('starts from the verdicts the core gives the real data', () => {
    expect(full.status).toBe('verified');
    expect(lone).toMatchObject({ status: 'none', registrySigned: {} });
    expect(publishOnly).toMatchObject({ status: 'none', registrySigned: {} });
    for (const v of [full, lone, publishOnly]) expect(shapeProblems(v)).toEqual([]);
  });

  it('flags a registry-signed none after a signed, malformed or binding change', () => {
    for (const klass of ['signed', 'malformed', 'binding'] as const) {
      expect(expectationProblems(klass, lone, lone)).toEqual([`${klass} mutation was called registry-signed`]);
    }
  });

  it('accepts dropping the SLSA provenance when the note is the original publish attestation', () => {
    expect(expectationProblems('dropped', publishOnly, full)).toEqual([]);
  });

  it('flags a note the original did not show, and an unsigned change turning none into verified', () => {
    expect(expectationProblems('dropped', lone, full)).toEqual(['unsigned change produced a new registry note']);
    expect(expectationProblems('unsigned', full, lone)).toEqual(['unsigned change turned none into a positive verdict']);
  });

  it('flags a malformed registry note', () => {
    expect(shapeProblems({ status: 'none', registrySigned: { keyId: 1 } })).toEqual(['none with a malformed registrySigned']);
  });
});
