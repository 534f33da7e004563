// PEP 740 documents in a misleading shape (issue 13, items 4 and 6): one document that is two
// shapes at once, and one attestation listed several times. Real fixtures, mutated here.
import { beforeAll, expect, it } from 'vitest';
import { pypiFileOf } from '../testing/fixture-cases';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import type { TrustContext } from './api';
import { createTrustContext, verifyPypiProvenance } from './index';

const P19 = 'pypi/pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance';
const P19_SLSA = 'pypi/pypi-attestations/pypi_attestations-0.0.19.tar.gz.slsa.attestation';
const P19_PUBLISH = 'pypi/pypi-attestations/pypi_attestations-0.0.19.tar.gz.publish.attestation';
const MODELS_BUNDLE = 'pypi/pypi-attestation-models/pypi_attestation_models-0.0.4a2.tar.gz.sigstore';

type Attestation = { verification_material: { transparency_entries: { logIndex: string }[] } };
type Provenance = Record<string, unknown> & { attestation_bundles: { publisher: Record<string, unknown>; attestations: Attestation[] }[] };

let trust: TrustContext;
beforeAll(() => {
  trust = createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json') });
});

const json = <T = Record<string, unknown>>(path: string) => structuredClone(readFixtureJson<T>(path));
const verify19 = (doc: unknown) => verifyPypiProvenance(doc, pypiFileOf(P19), trust);

describeRealData('PEP 740: one document, one shape', () => {
  it('refuses a provenance object with a real attestation spliced in at the top level', () => {
    // The spliced attestation is 0.0.19's own and valid: read as an attestation, the document
    // would verify without the publisher check the provenance object asks for.
    const doc: Provenance = { ...json<Provenance>(P19), ...json(P19_PUBLISH) };
    doc.attestation_bundles[0]!.publisher.repository = 'evil/pypi-attestations';
    expect(verify19(doc)).toMatchObject({ status: 'invalid', code: 'PARSE_SHAPE' });
    expect(verify19({ ...json<Provenance>(P19), envelope: json<{ envelope: unknown }>(P19_PUBLISH).envelope })).toMatchObject({ status: 'invalid', code: 'PARSE_SHAPE' });
  });

  it('refuses a Sigstore bundle that also carries a provenance list or an attestation envelope', () => {
    const file = pypiFileOf(MODELS_BUNDLE);
    const bundle = json(MODELS_BUNDLE);
    expect(verifyPypiProvenance(bundle, file, trust)).toMatchObject({ status: 'verified' });
    const withList = { ...bundle, attestation_bundles: json<Provenance>(P19).attestation_bundles };
    expect(verifyPypiProvenance(withList, file, trust)).toMatchObject({ status: 'invalid', code: 'PARSE_SHAPE' });
    const withEnvelope = { ...bundle, envelope: json<{ envelope: unknown }>(P19_PUBLISH).envelope };
    expect(verifyPypiProvenance(withEnvelope, file, trust)).toMatchObject({ status: 'invalid', code: 'PARSE_SHAPE' });
  });

  it('still reads a bundle spelling its verification material the protobuf way (not a second shape)', () => {
    const file = pypiFileOf(MODELS_BUNDLE);
    const bundle = json(MODELS_BUNDLE);
    const twin = { ...bundle, verification_material: bundle.verificationMaterial };
    expect(verifyPypiProvenance(twin, file, trust)).toEqual(verifyPypiProvenance(bundle, file, trust));
  });

  it('refuses a bare attestation that also holds a provenance list', () => {
    const doc = { ...json(P19_PUBLISH), attestation_bundles: json<Provenance>(P19).attestation_bundles };
    expect(verify19(doc)).toMatchObject({ status: 'invalid', code: 'PARSE_SHAPE' });
  });
});

describeRealData('PEP 740: an attestation listed several times counts once', () => {
  /** 0.0.19's provenance with its SLSA attestation added: the two real attestations of the file. */
  function both(): Provenance {
    const doc = json<Provenance>(P19);
    doc.attestation_bundles[0]!.attestations.push(json<Attestation>(P19_SLSA));
    return doc;
  }
  const kinds = (verdict: ReturnType<typeof verify19>) => (verdict.status === 'verified' ? verdict.attestations.map((a) => a.kind) : verdict.status);

  it('lists the two real attestations of a file', () => {
    expect(kinds(verify19(both()))).toEqual(['pypi-publish', 'slsa-provenance']);
  });

  it('lists a duplicated attestation once, in the same group or another one', () => {
    const doc = both();
    const group = doc.attestation_bundles[0]!;
    group.attestations.push(structuredClone(group.attestations[0]!), structuredClone(group.attestations[1]!));
    doc.attestation_bundles.push(structuredClone(doc.attestation_bundles[0]!));
    const verdict = verify19(doc);
    expect(verdict).toMatchObject({ status: 'verified', identity: { repository: 'trailofbits/pypi-attestations' } });
    expect(kinds(verdict)).toEqual(['pypi-publish', 'slsa-provenance']);
  });

  it('still checks every copy: a copy with broken log evidence fails the document', () => {
    const doc = both();
    const copy = structuredClone(doc.attestation_bundles[0]!.attestations[0]!);
    const entry = copy.verification_material.transparency_entries[0]!;
    entry.logIndex = String(Number(entry.logIndex) + 1);
    doc.attestation_bundles[0]!.attestations.push(copy);
    expect(verify19(doc)).toMatchObject({ status: 'invalid', code: expect.stringMatching(/^TLOG_/) });
  });

  it('still checks every copy against its own group: a copy under another publisher fails', () => {
    const doc = both();
    const other = structuredClone(doc.attestation_bundles[0]!);
    other.publisher.repository = 'evil/pypi-attestations';
    doc.attestation_bundles.push(other);
    expect(verify19(doc)).toMatchObject({ status: 'invalid', code: 'IDENTITY_REPOSITORY' });
  });
});
