// Which PyPI projects the fixture server knows and how each answers. Real files from the shared
// fixtures are served as they are; every authored project, file, digest or wrapper says so here.
import { createHash } from 'node:crypto';
import { readFixtureJson } from '../support/fixtures-dir';

export interface GitHubPublisher {
  kind: 'GitHub';
  repository: string;
  workflow: string;
  environment: string | null;
}

export type ProvenanceSource =
  /** A provenance object as PyPI's Integrity API serves it: sent byte for byte. */
  | { kind: 'provenance'; path: string }
  /** A bare PEP 740 attestation: wrapped into an authored provenance object. */
  | { kind: 'wrap-attestation'; path: string; publisher: GitHubPublisher }
  | { kind: 'missing' }
  | { kind: 'server-error' }
  /** Never answered, so the extension's own timeout has to fire. */
  | { kind: 'hang' };

export interface PypiFile {
  filename: string;
  packagetype: 'sdist' | 'bdist_wheel';
  sha256: string;
  provenance: ProvenanceSource;
}

export interface PypiProject {
  name: string;
  version: string;
  summary: string;
  /** pypi.org is mid-redesign: both generations of markup must be handled (LANDMARKS.md). */
  markup: 'new' | 'old';
  files: PypiFile[];
  /** Listed on the authored search page. */
  searchable: boolean;
}

interface DistsJson {
  distributions: { filename: string; sha256: string }[];
}

function realSha256(project: string, filename: string): string {
  const dists = readFixtureJson<DistsJson>(`pypi/${project}/dists.json`);
  const found = dists.distributions.find((d) => d.filename === filename);
  if (!found) throw new Error(`no ${filename} in pypi/${project}/dists.json`);
  return found.sha256;
}

/** A digest for an authored file that has no real counterpart. */
function authoredSha256(label: string): string {
  return createHash('sha256').update(`provenance-lens e2e authored file ${label}`).digest('hex');
}

/** Authored mutation: one hex digit of a real digest changed, so the attestation's subject no longer matches. */
export function flipOneHexDigit(hex: string): string {
  const last = hex.at(-1) === '0' ? '1' : '0';
  return hex.slice(0, -1) + last;
}

function noProvenance(name: string, version: string, source: ProvenanceSource): PypiFile[] {
  const stem = name.replace(/-/g, '_');
  return [
    { filename: `${stem}-${version}.tar.gz`, packagetype: 'sdist', sha256: authoredSha256(`${name} sdist`), provenance: source },
    {
      filename: `${stem}-${version}-py3-none-any.whl`,
      packagetype: 'bdist_wheel',
      sha256: authoredSha256(`${name} wheel`),
      provenance: source,
    },
  ];
}

export const HOSTILE_PROJECT_NAME = '<script>alert(1)</script>';

export function buildPypiProjects(): PypiProject[] {
  return [
    {
      name: 'pypi-attestations',
      version: '0.0.19',
      summary: 'Verified fixture (previous markup): sdist with a real provenance object',
      markup: 'old',
      searchable: true,
      files: [
        {
          filename: 'pypi_attestations-0.0.19.tar.gz',
          packagetype: 'sdist',
          sha256: realSha256('pypi-attestations', 'pypi_attestations-0.0.19.tar.gz'),
          provenance: { kind: 'provenance', path: 'pypi/pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance' },
        },
      ],
    },
    {
      name: 'sampleproject',
      version: '4.0.0',
      summary: 'Verified fixture (new markup): sdist provenance and a wrapped wheel attestation',
      markup: 'new',
      searchable: true,
      files: [
        {
          filename: 'sampleproject-4.0.0.tar.gz',
          packagetype: 'sdist',
          sha256: realSha256('sampleproject', 'sampleproject-4.0.0.tar.gz'),
          provenance: { kind: 'provenance', path: 'pypi/sampleproject/sampleproject-4.0.0.tar.gz.provenance' },
        },
        {
          filename: 'sampleproject-4.0.0-py3-none-any.whl',
          packagetype: 'bdist_wheel',
          sha256: realSha256('sampleproject', 'sampleproject-4.0.0-py3-none-any.whl'),
          provenance: {
            kind: 'wrap-attestation',
            path: 'pypi/sampleproject/sampleproject-4.0.0-py3-none-any.whl.attestation.json',
            // The publisher the certificate names (same as the sibling sdist's real provenance).
            publisher: { kind: 'GitHub', repository: 'pypa/sampleproject', workflow: 'release.yml', environment: '' },
          },
        },
      ],
    },
    {
      name: 'sigstore',
      version: '3.6.1',
      summary: 'Partial fixture: real sdist provenance, authored wheel without provenance',
      markup: 'old',
      searchable: true,
      files: [
        {
          filename: 'sigstore-3.6.1.tar.gz',
          packagetype: 'sdist',
          sha256: realSha256('sigstore', 'sigstore-3.6.1.tar.gz'),
          provenance: { kind: 'provenance', path: 'pypi/sigstore/sigstore-3.6.1.tar.gz.provenance' },
        },
        // Authored: the real release has a wheel too, but no fixture of its provenance exists.
        { filename: 'sigstore-3.6.1-py3-none-any.whl', packagetype: 'bdist_wheel', sha256: authoredSha256('sigstore wheel'), provenance: { kind: 'missing' } },
      ],
    },
    {
      name: 'pypi-attestation-models',
      version: '0.0.4a2',
      summary: 'Invalid fixture: the registry digest differs from the attested subject',
      markup: 'new',
      searchable: true,
      files: [
        {
          filename: 'pypi_attestation_models-0.0.4a2.tar.gz',
          packagetype: 'sdist',
          // Authored mutation: the JSON API serves a digest one hex digit off the attested subject.
          sha256: flipOneHexDigit(realSha256('pypi-attestation-models', 'pypi_attestation_models-0.0.4a2.tar.gz')),
          provenance: {
            kind: 'wrap-attestation',
            path: 'pypi/pypi-attestation-models/pypi_attestation_models-0.0.4a2.tar.gz.attestation',
            publisher: { kind: 'GitHub', repository: 'trailofbits/pypi-attestation-models', workflow: 'release.yml', environment: null },
          },
        },
      ],
    },
    // Authored projects below: no real counterpart exists.
    { name: 'lens-fixture-none', version: '1.2.0', summary: 'Authored fixture without provenance', markup: 'new', searchable: true, files: noProvenance('lens-fixture-none', '1.2.0', { kind: 'missing' }) },
    { name: 'lens-fixture-error', version: '2.0.0', summary: 'Authored fixture whose Integrity API fails', markup: 'old', searchable: false, files: noProvenance('lens-fixture-error', '2.0.0', { kind: 'server-error' }) },
    { name: 'lens-fixture-hang', version: '2.1.0', summary: 'Authored fixture whose Integrity API never answers', markup: 'new', searchable: false, files: noProvenance('lens-fixture-hang', '2.1.0', { kind: 'hang' }) },
    // A project page whose name is markup: the page renders it escaped; the extension must refuse it.
    { name: HOSTILE_PROJECT_NAME, version: '1.0.0', summary: 'Authored hostile name', markup: 'new', searchable: false, files: [] },
  ];
}

/** PEP 503 normalisation, as PyPI applies to project URLs. */
export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
