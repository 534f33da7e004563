// A search result's badge is sent its verdict abridged (abridged-verdict.ts): over verdicts the
// real core decides from REAL PyPI provenance (and real data mutated in code), the badge drawn
// from the abridged copy says exactly what the badge drawn from the whole verdict says, in its
// label, its sentence for screen readers, its colour and its marks.
import { expect, it } from 'vitest';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import type { PackageVerdict } from '../core/verdict';
import { verifyPypiRelease } from '../registries/pypi/release';
import { fakeFetcher, type FakeRoute } from '../registries/testing/fake-fetcher';
import { realPypiRelease } from '../registries/testing/real-pypi-release';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import { packageBadgeView } from '../ui/badge-text';
import { PREVIOUS } from '../ui/test-continuity';
import { abridgedForBadge } from './abridged-verdict';
import { applyPin } from './pin-check';

type Provenance = { attestation_bundles: { attestations: { envelope: { signature: string } }[] }[] };

async function decide(project: string, version: string, files: { filename: string; provenance?: unknown }[]): Promise<PackageVerdict> {
  const trust = createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json') });
  const deps = { fetcher: fakeFetcher(realPypiRelease(project, version, files) as Record<string, FakeRoute>), verifiers: { verifyPypiProvenance, verifyNpmAttestations }, trust, now: () => 0 };
  return verifyPypiRelease({ registry: 'pypi', name: project, version }, deps);
}

const SDIST = 'pypi_attestations-0.0.19.tar.gz';
const provenance = () => readFixtureJson<Provenance>('pypi/pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance');
const SAMPLE_SDIST = 'sampleproject-4.0.0.tar.gz';
const SAMPLE_WHEEL = 'sampleproject-4.0.0-py3-none-any.whl';

/** Real verdicts of every kind a search result can show, decided by the real core. */
async function realVerdicts() {
  const verified = await decide('pypi-attestations', '0.0.19', [{ filename: SDIST, provenance: provenance() }]);
  const partial = await decide('sampleproject', '4.0.0', [
    { filename: SAMPLE_SDIST, provenance: readFixtureJson('pypi/sampleproject/sampleproject-4.0.0.tar.gz.provenance') },
    { filename: SAMPLE_WHEEL },
  ]);
  const none = await decide('sampleproject', '4.0.0', [{ filename: SAMPLE_SDIST }, { filename: SAMPLE_WHEEL }]);
  // The real provenance with its signature's first byte changed.
  const forged = provenance();
  const envelope = forged.attestation_bundles[0]!.attestations[0]!.envelope;
  const bytes = Buffer.from(envelope.signature, 'base64');
  bytes[0] = bytes[0]! ^ 1;
  envelope.signature = bytes.toString('base64');
  const invalid = await decide('pypi-attestations', '0.0.19', [{ filename: SDIST, provenance: forged }]);
  const pinnedAway = applyPin(verified, { issuer: PREVIOUS.issuer, repository: 'someone/else' });
  const changed: PackageVerdict = { ...verified, continuity: { kind: 'publisher-changed', field: 'repositoryId', from: '1111', to: '2222', previousVersion: '0.0.18', previous: PREVIOUS } };
  const lost: PackageVerdict = { ...none, continuity: { kind: 'provenance-lost', previousVersion: '3.0.0', previous: PREVIOUS } };
  // A pin of another publisher over a publisher change: its badge names the signer from the files.
  const pinnedChanged = applyPin(changed, { issuer: PREVIOUS.issuer, repository: 'someone/else' });
  const mixed: PackageVerdict = partial.status === 'partial' ? { ...partial, inconsistent: { field: 'ref', values: ['refs/heads/main', 'refs/tags/v4.0.0'] } } : partial;
  return { verified, partial, none, invalid, pinnedAway, changed, lost, mixed, pinnedChanged };
}

describeRealData('a search badge is sent its verdict abridged', () => {
  it('the real verdicts are of the kinds this test means them to be', async () => {
    const v = await realVerdicts();
    expect(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x.status]))).toEqual({
      verified: 'verified',
      partial: 'partial',
      none: 'none',
      invalid: 'invalid',
      pinnedAway: 'invalid',
      changed: 'verified',
      lost: 'none',
      mixed: 'partial',
      pinnedChanged: 'invalid',
    });
  });

  it('draws the same badge as the whole verdict: label, sentence, colour and marks', async () => {
    for (const [kind, whole] of Object.entries(await realVerdicts())) {
      const view = (verdict: PackageVerdict) => packageBadgeView({ kind: 'verdict', pkg: whole.pkg, verdict });
      expect(view(abridgedForBadge(whole)), kind).toEqual(view(whole));
    }
  });

  it('leaves out the files and log entries of a verified, partial or none verdict, and says so', async () => {
    const { verified, partial, none } = await realVerdicts();
    for (const whole of [verified, partial, none]) {
      const abridged = abridgedForBadge(whole);
      expect(whole.files.length).toBeGreaterThan(0);
      expect(abridged).toMatchObject({ abridged: true, files: [], status: whole.status, pkg: whole.pkg, checkedAt: whole.checkedAt });
      if (abridged.status === 'verified' || abridged.status === 'partial') expect(abridged.attestations).toEqual([]);
      expect(JSON.stringify(abridged).length).toBeLessThan(JSON.stringify(whole).length);
      // The verdict it came from is not touched: the cache and the toolbar keep it whole.
      expect(whole.abridged).toBeUndefined();
    }
  });

  it('sends a failed verdict whole: a pinned-away one names its signer from its files', async () => {
    const { invalid, pinnedAway, pinnedChanged } = await realVerdicts();
    expect(abridgedForBadge(invalid)).toBe(invalid);
    expect(abridgedForBadge(pinnedAway)).toBe(pinnedAway);
    expect(abridgedForBadge(pinnedChanged)).toBe(pinnedChanged);
    expect(pinnedAway.files[0]?.verdict.status).toBe('verified');
    expect(packageBadgeView({ kind: 'verdict', pkg: pinnedChanged.pkg, verdict: pinnedChanged }).fullText).toContain('now 2222 (trailofbits/pypi-attestations)');
  });
});
