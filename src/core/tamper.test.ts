// Tamper corpus: several hundred mutations of the real PyPI and npm attestations, generated in
// code (src/core/tamper/). None may verify, and each must fail in the stage it breaks: see each
// mutation's `why`. A case that fails here names its document, unit and mutation; read the
// reason before touching an expectation.
import { beforeAll, expect, it } from 'vitest';
import { describeRealData, fixturesAvailable, readFixtureJson } from '../testing/fixtures';
import { createTrustContext, type ArtifactVerdict, type TrustContext } from './index';
import { tamperCorpus, type TamperCase } from './tamper/corpus';
import { mismatch } from './tamper/expectation';
import { tamperTargets, type TamperTarget } from './tamper/targets';

describeRealData('tamper corpus', () => {
  // Built at collection time so every mutation kind is its own test; empty without fixtures.
  const trust: TrustContext | undefined = fixturesAvailable
    ? createTrustContext({
        trustedRoot: readFixtureJson('sigstore/trusted_root.json'),
        npmKeys: readFixtureJson('sigstore/npm-registry-keys.json'),
      })
    : undefined;
  const targets: TamperTarget[] = trust ? tamperTargets() : [];
  const cases: TamperCase[] = trust ? tamperCorpus({ trustedRootDate: new Date(trust.trustedRootDate) }, targets) : [];
  const kinds = [...new Set(cases.map((c) => c.kind))];
  const verdicts = new Map<TamperCase, ArtifactVerdict>();

  beforeAll(() => {
    if (!trust) return;
    for (const c of cases) verdicts.set(c, c.target.verify(c.doc, trust));
    console.log(`tamper corpus: ${cases.length} mutations of ${targets.length} documents, ${kinds.length} kinds`);
  });

  it.each(targets.map((t) => [t.label, t] as const))('pristine %s verifies (the mutations start from valid data)', (_, t) => {
    if (!trust) throw new Error('no trust material');
    expect(t.verify(t.doc, trust)).toMatchObject({ status: 'verified' });
  });

  it('holds at least 300 mutations', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
  });

  it('verifies none of them', () => {
    const verified = cases.filter((c) => verdicts.get(c)?.status === 'verified').map((c) => c.id);
    expect(verified).toEqual([]);
  });

  it.each(kinds)('%s: not verified, failing in the expected stage', (kind) => {
    const problems = cases
      .filter((c) => c.kind === kind)
      .flatMap((c) => {
        const verdict = verdicts.get(c);
        const why = verdict ? mismatch(verdict, c.expect) : 'not run';
        return why ? [`${c.id}: ${why}`] : [];
      });
    expect(problems).toEqual([]);
  });
});
