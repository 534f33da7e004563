// Valid signatures over the wrong thing: another file's or version's attestations replayed for
// this one, and npm registry signatures that do not belong. Every signature here is genuine,
// so the failure must come from binding (SUBJECT_) or the registry-signature check.
import { readFixtureJson } from '../../testing/fixtures';
import type { NpmVersionInfo } from '../api';
import { flipBase64Bit } from './bits';
import { invalid, unavailable, type Expectation } from './expectation';
import { npmVersionOf, pypiFileOf } from '../../testing/fixture-cases';
import { npmTarget, pypiTarget, type TamperTarget } from './targets';

export interface DocumentCase {
  name: string;
  target: TamperTarget;
  doc: unknown;
  expect: Expectation;
}

const P19 = 'pypi/pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance';
const P16 = 'pypi/pypi-attestations/pypi_attestations-0.0.16.tar.gz.attestation';
const P30 = 'pypi/pypi-attestations/pypi_attestations-0.0.30-py3-none-any.whl.provenance.json';
const SAMPLE3 = 'pypi/sampleproject/sampleproject-3.0.0.tar.gz.publish.attestation';
const SAMPLE4 = 'pypi/sampleproject/sampleproject-4.0.0.tar.gz.provenance';
const SAMPLE4_WHL = 'pypi/sampleproject/sampleproject-4.0.0-py3-none-any.whl.attestation.json';
const SIGSTORE_PY = 'pypi/sigstore/sigstore-3.6.1.tar.gz.provenance';
const NPM_100 = 'npm/sigstore/sigstore@1.0.0.attestations.json';
const NPM_231 = 'npm/sigstore/sigstore@2.3.1.attestations.json';
const TUF_JS = 'npm/tuf-js/tuf-js@1.0.0.attestations.json';
const GOGGLES = 'npm/@trishankatdatadog/supreme-goggles/supreme-goggles@1.0.5.attestations.json';
const PLAYWRIGHT = 'npm/@playwright/cli/cli@0.1.1.attestations.json';

const REPLAY = invalid('a genuine attestation of another artifact', 'SUBJECT_');

/** `source`'s document verified as if it were the attestation of `victim`'s artifact. */
function pypiReplay(source: string, victim: string): DocumentCase {
  const target = pypiTarget(source, pypiFileOf(victim));
  return { name: `pypi replay: ${source} for ${pypiFileOf(victim).filename}`, target, doc: target.doc, expect: REPLAY };
}

function npmReplay(source: string, victim: string): DocumentCase {
  const version = npmVersionOf(victim);
  // Registry signatures stay out: they are checked in their own cases below.
  const target = npmTarget(source, { name: version.name, version: version.version, integrity: version.integrity });
  return { name: `npm replay: ${source} for ${version.name}@${version.version}`, target, doc: target.doc, expect: REPLAY };
}

/** A PEP 740 provenance object holding 0.0.19's real attestation plus 0.0.16's. */
function mixedProvenance(): DocumentCase {
  const target = pypiTarget(P19);
  const doc = structuredClone(target.doc) as { attestation_bundles: { attestations: unknown[] }[] };
  doc.attestation_bundles[0]?.attestations.push(readFixtureJson(P16));
  return { name: 'pypi: 0.0.16 attestation appended to 0.0.19 provenance', target, doc, expect: REPLAY };
}

/** sigstore@2.3.1's publish attestation next to sigstore@1.0.0's SLSA provenance. */
function mixedNpmResponse(): DocumentCase {
  const target = npmTarget(NPM_231);
  const own = structuredClone(target.doc) as { attestations: { predicateType: string }[] };
  const old = readFixtureJson<{ attestations: { predicateType: string }[] }>(NPM_100);
  const doc = {
    attestations: [
      ...own.attestations.filter((a) => a.predicateType.includes('/publish/')),
      ...old.attestations.filter((a) => !a.predicateType.includes('/publish/')),
    ],
  };
  return { name: 'npm: 2.3.1 publish + 1.0.0 provenance for 2.3.1', target, doc, expect: REPLAY };
}

function withSignatures(path: string, name: string, edit: (v: NpmVersionInfo) => void, expect: Expectation): DocumentCase {
  const version = structuredClone(npmVersionOf(path));
  edit(version);
  const target = npmTarget(path, version);
  return { name: `npm registry signature: ${name}`, target, doc: target.doc, expect };
}

export function documentCases(): DocumentCase[] {
  const badRegistrySig = invalid('dist.signatures must verify over name@version:integrity', 'SIGNATURE_REGISTRY');
  return [
    pypiReplay(P16, P19),
    pypiReplay(P19, P16),
    pypiReplay(P19, P30),
    pypiReplay(SAMPLE3, SAMPLE4),
    pypiReplay(SAMPLE4, SAMPLE4_WHL),
    pypiReplay(SAMPLE4_WHL, SAMPLE4),
    pypiReplay(SIGSTORE_PY, P19),
    mixedProvenance(),
    npmReplay(NPM_100, NPM_231),
    npmReplay(NPM_231, NPM_100),
    npmReplay(TUF_JS, NPM_100),
    npmReplay(GOGGLES, PLAYWRIGHT),
    npmReplay(PLAYWRIGHT, NPM_231),
    mixedNpmResponse(),
    withSignatures(NPM_100, 'bit flip', (v) => {
      const sig = v.signatures?.[0];
      if (sig) sig.sig = flipBase64Bit(sig.sig, 20, 3);
    }, badRegistrySig),
    withSignatures(TUF_JS, "sigstore@1.0.0's signature", (v) => {
      v.signatures = npmVersionOf(NPM_100).signatures;
    }, badRegistrySig),
    withSignatures(NPM_100, 'unknown key id', (v) => {
      const sig = v.signatures?.[0];
      if (sig) sig.keyid = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    }, unavailable('no npm:signatures key of that id in the trust material', 'TRUST_UNKNOWN_KEY')),
  ];
}
