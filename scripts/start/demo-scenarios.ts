// What `npm start`'s demo registry knows: a few real packages from the recorded demo set
// (demo/recorded, origins in demo/README.md) and two authored example projects, one page per
// badge state. It has the shape of the e2e test-CA scenarios (multi-release projects, packuments
// with publish times), so the fixture server's handlers for those serve it unchanged; with
// `only`, nothing of the e2e tables (and none of their test wording) is served beside it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { DEMO_DIR } from '../../e2e/support/fixtures-dir';
import { normalizeProjectName } from '../../e2e/server/pypi-scenarios';
import type { LoadedScenarios } from '../../e2e/testca/generated-scenarios';
import type { GeneratedNpmPackage, GeneratedNpmVersion, GeneratedPypiProject, GeneratedScenarios } from '../../e2e/testca/scenario-manifest';

function read(relativePath: string): Buffer {
  const target = resolve(DEMO_DIR, relativePath);
  if (!target.startsWith(DEMO_DIR + sep)) throw new Error(`demo file outside ${DEMO_DIR}: ${relativePath}`);
  return readFileSync(target);
}

const readJson = <T>(relativePath: string): T => JSON.parse(read(relativePath).toString('utf8')) as T;

function recordedSha256(project: string, filename: string): string {
  const dists = readJson<{ distributions: { filename: string; sha256: string }[] }>(`pypi/${project}/dists.json`);
  const found = dists.distributions.find((d) => d.filename === filename);
  if (!found) throw new Error(`no ${filename} in demo/recorded/pypi/${project}/dists.json`);
  return found.sha256;
}

/** Authored: a digest for a file the demo lists without any recorded counterpart. */
const authoredSha256 = (label: string) => createHash('sha256').update(`provenance-lens demo file ${label}`).digest('hex');

function exampleProject(name: string, summary: string, fault?: string): GeneratedPypiProject {
  const stem = name.replace(/-/g, '_');
  const file = (filename: string, packagetype: 'sdist' | 'bdist_wheel') => ({ filename, packagetype, sha256: authoredSha256(filename), provenance: null });
  const files = [file(`${stem}-1.4.2.tar.gz`, 'sdist'), file(`${stem}-1.4.2-py3-none-any.whl`, 'bdist_wheel')];
  const project: GeneratedPypiProject = { name, summary, markup: 'new', latest: '1.4.2', releases: [{ version: '1.4.2', uploaded: '2026-03-02T09:30:00.000000Z', files }] };
  return fault ? { ...project, fault } : project;
}

// Upload and publish times are the Rekor integrated times of the recorded signatures. Built
// when the server starts (not at import), so a missing recorded file fails there, by name.
const demoPypi = (): GeneratedPypiProject[] => [
  {
    name: 'sampleproject',
    summary: 'A sample Python project',
    markup: 'new',
    latest: '4.0.0',
    releases: [
      {
        version: '4.0.0',
        uploaded: '2024-11-06T22:37:07.000000Z',
        files: [{ filename: 'sampleproject-4.0.0.tar.gz', packagetype: 'sdist', sha256: recordedSha256('sampleproject', 'sampleproject-4.0.0.tar.gz'), provenance: 'pypi/sampleproject/sampleproject-4.0.0.tar.gz.provenance' }],
      },
    ],
  },
  {
    name: 'sigstore',
    summary: 'A tool for signing Python package distributions',
    markup: 'old',
    latest: '3.6.1',
    releases: [
      {
        version: '3.6.1',
        uploaded: '2024-12-19T17:09:53.000000Z',
        files: [
          { filename: 'sigstore-3.6.1.tar.gz', packagetype: 'sdist', sha256: recordedSha256('sigstore', 'sigstore-3.6.1.tar.gz'), provenance: 'pypi/sigstore/sigstore-3.6.1.tar.gz.provenance' },
          // Authored: the real release's wheel is attested too, but no recording of it exists.
          { filename: 'sigstore-3.6.1-py3-none-any.whl', packagetype: 'bdist_wheel', sha256: authoredSha256('sigstore wheel'), provenance: null },
        ],
      },
    ],
  },
  exampleProject('example-classic', 'An example project of the Provenance Lens demo, uploaded with an API token: no provenance attached'),
  exampleProject('example-outage', "An example project of the Provenance Lens demo: PyPI's Integrity API answers it with a server error", '500'),
];

interface VersionDoc {
  name: string;
  version: string;
  dist: Record<string, unknown>;
}

/** The recorded version document, with the `dist.attestations` link the registry adds (authored when absent). */
function npmVersion(name: string, version: string, published: string, attestations: string, description: string): GeneratedNpmVersion {
  const doc = readJson<VersionDoc>(`npm/${name}/${name.split('/').at(-1)}@${version}.version.json`);
  const response = readJson<{ attestations: { predicateType: string }[] }>(attestations);
  const provenance = response.attestations.find((a) => !a.predicateType.startsWith('https://github.com/npm/attestation/'));
  const link = { url: `https://registry.npmjs.org/-/npm/v1/attestations/${name.replace('/', '%2f')}@${version}`, provenance: { predicateType: provenance?.predicateType ?? 'https://slsa.dev/provenance/v1' } };
  const dist = { ...doc.dist, attestations: doc.dist.attestations ?? link };
  return { version, published, document: { ...doc, description, dist }, attestations };
}

function npmPackage(name: string, description: string, versions: [version: string, published: string, attestations: string][]): GeneratedNpmPackage {
  const built = versions.map(([v, at, file]) => npmVersion(name, v, at, file, description));
  return { name, description, latest: built.at(-1)?.version ?? '', versions: built };
}

const demoNpm = (): GeneratedNpmPackage[] => [
  npmPackage('sigstore', 'code-signing for npm packages', [
    ['1.0.0', '2023-02-09T17:56:02.000Z', 'npm/sigstore/sigstore@1.0.0.attestations.json'],
    ['2.3.1', '2024-05-16T17:12:06.000Z', 'npm/sigstore/sigstore@2.3.1.attestations.json'],
  ]),
  npmPackage('@playwright/cli', 'Command line tools for Playwright', [['0.1.1', '2026-02-14T23:28:45.000Z', 'npm/@playwright/cli/cli@0.1.1.attestations.json']]),
  npmPackage('@trishankatdatadog/supreme-goggles', 'A package whose build provenance was altered after it was signed', [
    ['1.0.5', '2023-05-16T17:33:01.000Z', 'npm/@trishankatdatadog/supreme-goggles/supreme-goggles@1.0.5.attestations.tampered-provenance.json'],
  ]),
];

export const DEMO_SEARCH = 'sigstore';

/** The demo set, loaded: pass as `only` to startFixtureServer. Throws when a recorded file is missing. */
export function loadDemoScenarios(): LoadedScenarios {
  const manifest: GeneratedScenarios = {
    format: 1,
    pypi: demoPypi(),
    npm: demoNpm(),
    pypiSearches: { [DEMO_SEARCH]: ['sigstore', 'sampleproject', 'example-classic', 'example-outage'] },
  };
  return {
    manifest,
    pypi: new Map(manifest.pypi.map((p) => [normalizeProjectName(p.name), p])),
    npm: new Map(manifest.npm.map((p) => [p.name, p])),
    read,
  };
}
