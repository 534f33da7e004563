// Semantic attacks on the PyPI path with real, validly signed PEP 740 material only: each real
// attestation is served in a misleading context (another file, version or shape; a publisher
// claim naming someone else) and the verdict must be what a correct verifier gives.
import { beforeAll, expect, it } from 'vitest';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import type { DistributionFile, TrustContext } from './api';
import { createTrustContext, verifyPypiProvenance } from './index';

type Json = Record<string, unknown>;
const fixture = (path: string): Json => structuredClone(readFixtureJson<Json>(path));
const PA = 'pypi/pypi-attestations/';
const publish19 = () => fixture(`${PA}pypi_attestations-0.0.19.tar.gz.publish.attestation`);
const slsa19 = () => fixture(`${PA}pypi_attestations-0.0.19.tar.gz.slsa.attestation`);
const att16 = () => fixture(`${PA}pypi_attestations-0.0.16.tar.gz.attestation`);
const prov19 = () => fixture(`${PA}pypi_attestations-0.0.19.tar.gz.provenance`);
const prov30 = () => fixture(`${PA}pypi_attestations-0.0.30-py3-none-any.whl.provenance.json`);
const spSdist = () => fixture('pypi/sampleproject/sampleproject-4.0.0.tar.gz.provenance');
const spWheel = () => fixture('pypi/sampleproject/sampleproject-4.0.0-py3-none-any.whl.attestation.json');
const google = () => fixture('pypi/sampleproject/sampleproject-3.0.0.tar.gz.publish.attestation');
const gitlab = () => fixture('pypi/gitlab-oidc-project/gitlab_oidc_project-0.0.3.tar.gz.publish.attestation');

const file = (filename: string, sha256: string): DistributionFile => ({ filename, sha256 });
const F19 = file('pypi_attestations-0.0.19.tar.gz', '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3');
const F16 = file('pypi_attestations-0.0.16.tar.gz', 'cbd2b946fe160793606dee4516ef58ac5959456e69630a7f03e7de73aa7f2737');
const F30 = file('pypi_attestations-0.0.30-py3-none-any.whl', 'b3a9c53f6cb89e5e7b5b70e6cfca97cfc66008c1ed54087355e06e40071cef21');
const SP_SDIST = file('sampleproject-4.0.0.tar.gz', '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b');
const SP_WHEEL = file('sampleproject-4.0.0-py3-none-any.whl', 'c23e447ea90d796d1e645c35c4b2de125040add12a845825546f91c93f391b6b');
const FG = file('sampleproject-3.0.0.tar.gz', '117ed88e5db073bb92969a7545745fd977ee85b7019706dd256a64058f70963d');
const FGL = file('gitlab_oidc_project-0.0.3.tar.gz', 'c1ca9b0d85df1606451098233018534497bf584362e10e4a8c21dfaea92c02a8');
const GH_PUBLISHER = { kind: 'GitHub', repository: 'trailofbits/pypi-attestations', workflow: 'release.yml', environment: null };
const GOOGLE_EMAIL = '919436158236-compute@developer.gserviceaccount.com';
const GL_PUBLISHER = { kind: 'GitLab', repository: 'facutuesca/gitlab-oidc-project', workflow_filepath: '.gitlab-ci.yml', environment: null };

const provenance = (...groups: [publisher: unknown, attestations: unknown[]][]) => ({
  version: 1,
  attestation_bundles: groups.map(([publisher, attestations]) => ({ publisher, attestations })),
});

let trust: TrustContext;
beforeAll(() => {
  trust = createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json') });
});

type Expected = { status: 'invalid' | 'unavailable'; code: string };
type Case = [name: string, doc: () => unknown, file: DistributionFile, expected: Expected];
const invalid = (code: string): Expected => ({ status: 'invalid', code });
const refusedCases = (cases: Case[]) =>
  it.each(cases)('%s', (_name, doc, target, expected) => {
    expect(verifyPypiProvenance(doc(), target, trust)).toMatchObject(expected);
  });

describeRealData('semantic attacks, PyPI: another file, version or package served for this file', () => {
  refusedCases([
    ['0.0.16 attestation served for the 0.0.19 sdist', att16, F19, invalid('SUBJECT_NAME')],
    ['0.0.19 provenance served for the 0.0.16 sdist', prov19, F16, invalid('SUBJECT_NAME')],
    ['0.0.16 attestation with its own name but 0.0.19 digest', att16, { ...F16, sha256: F19.sha256 }, invalid('SUBJECT_DIGEST')],
    ['sdist provenance served for the wheel of the same release', spSdist, SP_WHEEL, invalid('SUBJECT_NAME')],
    ['wheel attestation served for the sdist of the same release', spWheel, SP_SDIST, invalid('SUBJECT_NAME')],
    ['.tar.gz attestation for a .zip with the same digest', prov19, { ...F19, filename: 'pypi_attestations-0.0.19.zip' }, invalid('SUBJECT_NAME')],
    ['upper-case .TAR.GZ extension', prov19, { ...F19, filename: 'pypi_attestations-0.0.19.TAR.GZ' }, invalid('SUBJECT_NAME')],
    ['a post release spelled as the release', prov19, { ...F19, filename: 'pypi_attestations-0.0.19.post0.tar.gz' }, invalid('SUBJECT_NAME')],
    ['wheel with a build tag added', prov30, { ...F30, filename: 'pypi_attestations-0.0.30-1-py3-none-any.whl' }, invalid('SUBJECT_NAME')],
    ['wheel with a wider tag set (py2.py3)', prov30, { ...F30, filename: 'pypi_attestations-0.0.30-py2.py3-none-any.whl' }, invalid('SUBJECT_NAME')],
    ['filename with trailing whitespace', prov19, { ...F19, filename: `${F19.filename} ` }, invalid('SUBJECT_NAME')],
    ['provenance holding this file plus another version', () => provenance([GH_PUBLISHER, [publish19(), att16()]]), F19, invalid('SUBJECT_NAME')],
    ['Google-signed 3.0.0 attestation in a 4.0.0 sdist provenance', () => provenance([{ kind: 'Google', email: GOOGLE_EMAIL }, [google()]]), SP_SDIST, invalid('SUBJECT_NAME')],
  ]);

  it('equivalent spellings of the same file verify, with the identity still from the certificate', () => {
    for (const filename of ['pypi-attestations-0.0.19.tar.gz', 'PyPI.Attestations-0.0.19.tar.gz', 'pypi__attestations-0.0.19.tar.gz']) {
      expect(verifyPypiProvenance(prov19(), { ...F19, filename }, trust)).toMatchObject({
        status: 'verified',
        identity: { repository: 'trailofbits/pypi-attestations', ref: 'refs/tags/v0.0.19', commit: '08802efe1f8e5fec4ad842d6b8ce97656092ee72' },
      });
    }
    expect(verifyPypiProvenance(prov30(), { ...F30, filename: 'PYPI_ATTESTATIONS-0.0.30-PY3-NONE-ANY.whl' }, trust)).toMatchObject({ status: 'verified' });
  });
});

describeRealData('semantic attacks, PyPI: response shapes', () => {
  it('publish and SLSA attestations of one file in one group: both listed, one identity', () => {
    const verdict = verifyPypiProvenance(provenance([GH_PUBLISHER, [publish19(), slsa19()]]), F19, trust);
    expect(verdict).toMatchObject({ status: 'verified', identity: { san: 'https://github.com/trailofbits/pypi-attestations/.github/workflows/release.yml@refs/tags/v0.0.19' } });
    if (verdict.status !== 'verified') return;
    expect(verdict.attestations.map((a) => [a.kind, a.log.logIndex])).toEqual([['pypi-publish', '153454663'], ['slsa-provenance', '153454647']]);
  });

  it('the same attestation listed twice counts once', () => {
    const verdict = verifyPypiProvenance(provenance([GH_PUBLISHER, [publish19(), publish19()]]), F19, trust);
    expect(verdict.status === 'verified' ? verdict.attestations.length : verdict).toBe(1);
  });

  refusedCases([
    ['a provenance object carrying an attestation at its top', () => ({ ...prov19(), envelope: publish19().envelope, verification_material: publish19().verification_material }), F19, invalid('PARSE_SHAPE')],
    ['no attestation bundles at all', () => ({ version: 1, attestation_bundles: [] }), F19, invalid('PARSE_SHAPE')],
    ['a real group next to an empty one', () => provenance([GH_PUBLISHER, [publish19()]], [GH_PUBLISHER, []]), F19, invalid('PARSE_SHAPE')],
    ['a group without a publisher', () => ({ version: 1, attestation_bundles: [{ attestations: [publish19()] }] }), F19, invalid('PARSE_SHAPE')],
    ['an attestation of an unknown version', () => ({ ...publish19(), version: 2 }), F19, invalid('PARSE_SHAPE')],
  ]);
});

describeRealData('semantic attacks, PyPI: publisher claims that name another publisher', () => {
  const gh = (claim: Json) => () => provenance([{ ...GH_PUBLISHER, ...claim }, [publish19()]]);
  refusedCases([
    ['a second group claiming another repository for the same attestation', () => provenance([GH_PUBLISHER, [publish19()]], [{ ...GH_PUBLISHER, repository: 'evil/pypi-attestations' }, [slsa19()]]), F19, invalid('IDENTITY_REPOSITORY')],
    ['a repository name prefix', gh({ repository: 'trailofbits/pypi' }), F19, invalid('IDENTITY_REPOSITORY')],
    ['a longer repository name', gh({ repository: 'trailofbits/pypi-attestations-evil' }), F19, invalid('IDENTITY_REPOSITORY')],
    ['a workflow file name in another case', gh({ workflow: 'Release.yml' }), F19, invalid('IDENTITY_WORKFLOW')],
    ['a workflow file name prefix', gh({ workflow: 'release' }), F19, invalid('IDENTITY_WORKFLOW')],
    ['a workflow claim carrying the ref', gh({ workflow: 'release.yml@refs/tags/v0.0.19' }), F19, invalid('IDENTITY_WORKFLOW')],
    ['a GitLab project in another case (GitLab is compared exactly)', () => provenance([{ ...GL_PUBLISHER, repository: 'Facutuesca/gitlab-oidc-project' }, [gitlab()]]), FGL, invalid('IDENTITY_REPOSITORY')],
    ['a GitLab namespace with the project moved into the file path', () => provenance([{ ...GL_PUBLISHER, repository: 'facutuesca', workflow_filepath: 'gitlab-oidc-project//.gitlab-ci.yml' }, [gitlab()]]), FGL, invalid('IDENTITY_REPOSITORY')],
    ['a Google e-mail prefix', () => provenance([{ kind: 'Google', email: GOOGLE_EMAIL.slice(1) }, [google()]]), FG, invalid('IDENTITY_SAN')],
    ['a Google e-mail with a suffix', () => provenance([{ kind: 'Google', email: `${GOOGLE_EMAIL}.evil` }, [google()]]), FG, invalid('IDENTITY_SAN')],
    ['a Google e-mail in upper case', () => provenance([{ kind: 'Google', email: GOOGLE_EMAIL.toUpperCase() }, [google()]]), FG, invalid('IDENTITY_SAN')],
    ['a Google-signed attestation under a GitHub claim', () => provenance([{ kind: 'GitHub', repository: 'pypa/sampleproject', workflow: 'release.yml' }, [google()]]), FG, invalid('IDENTITY_ISSUER')],
    // Defensible: a publisher kind the tool cannot check is "couldn't check", never green.
    ['a publisher kind spelled in lower case', gh({ kind: 'github' }), F19, { status: 'unavailable', code: 'POLICY_UNSUPPORTED_PUBLISHER' }],
  ]);

  it('GitHub case folding and an unsigned environment verify, showing only what the certificate says', () => {
    for (const claim of [{ repository: 'TrailOfBits/PyPI-Attestations' }, { environment: 'evil-environment' }]) {
      const verdict = verifyPypiProvenance(gh(claim)(), F19, trust);
      expect(verdict).toMatchObject({ status: 'verified', identity: { repository: 'trailofbits/pypi-attestations' } });
      expect(JSON.stringify(verdict)).not.toMatch(/TrailOfBits|evil-environment/);
    }
  });
});

