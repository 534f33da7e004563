// The whole tamper corpus: every unit mutation applied to every signed unit of every
// production-valid document it fits, plus the document-level replays.
import { bundleMutations } from './bundle-mutations';
import { certificateMutations } from './certificate-mutations';
import { envelopeMutations } from './envelope-mutations';
import type { ExpectEnv, Expectation, UnitMutation } from './expectation';
import { documentCases } from './replay-cases';
import { tamperTargets, type TamperTarget } from './targets';
import { tlogMutations } from './tlog-mutations';

export interface TamperCase {
  id: string;
  /** Mutation name (or document case name): cases are reported grouped by it. */
  kind: string;
  target: TamperTarget;
  doc: unknown;
  expect: Expectation;
}

const UNIT_MUTATIONS: UnitMutation[] = [
  ...envelopeMutations,
  ...certificateMutations,
  ...tlogMutations,
  ...bundleMutations,
];

/**
 * Documents that get every mutation, one per shape: PEP 740 provenance object (GitHub), bare
 * attestation (Google), a 2026 provenance newer than the trust snapshot with a log index above
 * 2^31; npm v0.1 (intoto entries), v0.2 and v0.3 (newer than the snapshot) bundles. The other
 * documents get the smoke set, which keeps the corpus fast on a shared machine.
 */
const REPRESENTATIVE = new Set([
  'pypi/pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance',
  'pypi/sampleproject/sampleproject-3.0.0.tar.gz.publish.attestation',
  'pypi/pypi-attestations/pypi_attestations-0.0.30-py3-none-any.whl.provenance.json',
  'npm/sigstore/sigstore@1.0.0.attestations.json',
  'npm/sigstore/sigstore@2.3.1.attestations.json',
  'npm/@playwright/cli/cli@0.1.1.attestations.json',
]);

export function tamperCorpus(env: ExpectEnv, targets: TamperTarget[] = tamperTargets()): TamperCase[] {
  const cases: TamperCase[] = [];
  for (const target of targets) {
    const unitCount = target.units(structuredClone(target.doc)).length;
    const mutations = REPRESENTATIVE.has(target.label) ? UNIT_MUTATIONS : UNIT_MUTATIONS.filter((m) => m.smoke);
    for (let u = 0; u < unitCount; u++) {
      for (const mutation of mutations) {
        const doc = structuredClone(target.doc);
        const unit = target.units(doc)[u];
        if (!unit || !mutation.applies(unit)) continue;
        const expect = mutation.expect(unit, env);
        mutation.apply(unit);
        cases.push({ id: `${target.label} ${unit.label}: ${mutation.name}`, kind: mutation.name, target, doc, expect });
      }
    }
  }
  for (const c of documentCases()) cases.push({ id: c.name, kind: c.name, target: c.target, doc: c.doc, expect: c.expect });
  return cases;
}
