// Recorded real registry data (../shared/fixtures, see its MANIFEST) assembled into the local
// registry the `audit` end-to-end tests serve, and small lockfiles of each kind over it. The
// package without provenance (`left-pad`) and the publish times are authored here.
import { createHash } from 'node:crypto';
import { readFixtureJson } from '../../testing/fixtures';
import type { LocalNpmRelease, LocalPypiRelease } from '../testing/local-registry';

type VersionDoc = LocalNpmRelease['versionDoc'];
const doc = (path: string) => readFixtureJson<VersionDoc>(path);

export const LEFT_PAD_INTEGRITY = `sha512-${createHash('sha512').update('provenance-lens audit test: left-pad 1.3.0').digest('base64')}`;

export function npmData(): Record<string, LocalNpmRelease[]> {
  return {
    sigstore: [
      { version: '1.0.0', published: '2023-01-24T18:41:13.000Z', versionDoc: doc('npm/sigstore/sigstore@1.0.0.version.json'), attestations: readFixtureJson('npm/sigstore/sigstore@1.0.0.attestations.json') },
      { version: '2.3.1', published: '2024-05-29T16:25:36.000Z', versionDoc: doc('npm/sigstore/sigstore@2.3.1.version.json'), attestations: readFixtureJson('npm/sigstore/sigstore@2.3.1.attestations.json') },
    ],
    'tuf-js': [{ version: '1.0.0', published: '2023-02-01T10:00:00.000Z', versionDoc: doc('npm/tuf-js/tuf-js@1.0.0.version.json'), attestations: readFixtureJson('npm/tuf-js/tuf-js@1.0.0.attestations.json') }],
    '@trishankatdatadog/supreme-goggles': [
      {
        version: '1.0.5',
        published: '2023-03-01T12:00:00.000Z',
        versionDoc: doc('npm/@trishankatdatadog/supreme-goggles/supreme-goggles@1.0.5.version.json'),
        // Altered after signing by the slsa-verifier maintainers (a real negative fixture).
        attestations: readFixtureJson('npm/@trishankatdatadog/supreme-goggles/supreme-goggles@1.0.5.attestations.tampered-provenance.json'),
      },
    ],
    'left-pad': [{ version: '1.3.0', published: '2018-04-09T00:00:00.000Z', versionDoc: { name: 'left-pad', version: '1.3.0', dist: { integrity: LEFT_PAD_INTEGRITY } } }],
  };
}

const integrityOf = (path: string) => String(doc(path).dist.integrity);

/** A package-lock.json v3 over the npm data, plus a git dependency and a workspace. */
export function packageLockV3(): Record<string, unknown> {
  const entry = (name: string, version: string, integrity: string) => ({ version, resolved: `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${version}.tgz`, integrity });
  return {
    name: 'app',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'app', version: '1.0.0', workspaces: ['packages/ui'] },
      'node_modules/sigstore': entry('sigstore', '2.3.1', integrityOf('npm/sigstore/sigstore@2.3.1.version.json')),
      'node_modules/tuf-js': entry('tuf-js', '1.0.0', integrityOf('npm/tuf-js/tuf-js@1.0.0.version.json')),
      'node_modules/@trishankatdatadog/supreme-goggles': entry(
        '@trishankatdatadog/supreme-goggles',
        '1.0.5',
        integrityOf('npm/@trishankatdatadog/supreme-goggles/supreme-goggles@1.0.5.version.json'),
      ),
      'node_modules/left-pad': entry('left-pad', '1.3.0', LEFT_PAD_INTEGRITY),
      'node_modules/from-git': { version: '0.1.0', resolved: 'git+ssh://git@github.com/example/from-git.git#0123456789abcdef0123456789abcdef01234567' },
      'node_modules/ui': { resolved: 'packages/ui', link: true },
      'packages/ui': { name: 'ui', version: '0.0.0' },
    },
  };
}

interface Dists {
  distributions: { filename: string; sha256: string }[];
}
const sha256Of = (project: string, filename: string) =>
  readFixtureJson<Dists>(`pypi/${project}/dists.json`).distributions.find((d) => d.filename === filename)?.sha256 ?? '';

/** The wheel's real attestation, wrapped in a provenance object as the Integrity API serves it. */
function wrapped(path: string, publisher: object): object {
  return { version: 1, attestation_bundles: [{ publisher, attestations: [readFixtureJson(path)] }] };
}

export const SIGSTORE_WHEEL_SHA256 = createHash('sha256').update('provenance-lens audit test: sigstore wheel').digest('hex');

export function pypiData(): LocalPypiRelease[] {
  const sp = 'sampleproject';
  return [
    {
      name: sp,
      version: '4.0.0',
      uploaded: '2024-11-01T00:00:00Z',
      files: [
        { filename: 'sampleproject-4.0.0.tar.gz', sha256: sha256Of(sp, 'sampleproject-4.0.0.tar.gz'), packagetype: 'sdist', provenance: readFixtureJson('pypi/sampleproject/sampleproject-4.0.0.tar.gz.provenance') },
        {
          filename: 'sampleproject-4.0.0-py3-none-any.whl',
          sha256: sha256Of(sp, 'sampleproject-4.0.0-py3-none-any.whl'),
          packagetype: 'bdist_wheel',
          provenance: wrapped('pypi/sampleproject/sampleproject-4.0.0-py3-none-any.whl.attestation.json', { kind: 'GitHub', repository: 'pypa/sampleproject', workflow: 'release.yml', environment: '' }),
        },
      ],
    },
    {
      name: 'sigstore',
      version: '3.6.1',
      uploaded: '2025-01-01T00:00:00Z',
      files: [
        { filename: 'sigstore-3.6.1.tar.gz', sha256: sha256Of('sigstore', 'sigstore-3.6.1.tar.gz'), packagetype: 'sdist', provenance: readFixtureJson('pypi/sigstore/sigstore-3.6.1.tar.gz.provenance') },
        // Authored: a wheel without provenance, so a lock that includes it is `partial`.
        { filename: 'sigstore-3.6.1-py3-none-any.whl', sha256: SIGSTORE_WHEEL_SHA256, packagetype: 'bdist_wheel' },
      ],
    },
  ];
}

/** A uv.lock over the PyPI data: all of sampleproject, and only sigstore's attested sdist. */
export function uvLock(): string {
  const release = pypiData();
  const files = (i: number) => release[i]?.files ?? [];
  const url = (f: { filename: string }) => `https://files.pythonhosted.org/packages/ab/cd/${f.filename}`;
  const [spSdist, spWheel] = files(0);
  const [sgSdist] = files(1);
  return [
    'version = 1',
    'requires-python = ">=3.9"',
    '',
    '[[package]]',
    'name = "app"',
    'version = "0.1.0"',
    'source = { editable = "." }',
    '',
    '[[package]]',
    'name = "sampleproject"',
    'version = "4.0.0"',
    'source = { registry = "https://pypi.org/simple" }',
    `sdist = { url = "${url(spSdist!)}", hash = "sha256:${spSdist!.sha256}", size = 1000 }`,
    'wheels = [',
    `    { url = "${url(spWheel!)}", hash = "sha256:${spWheel!.sha256}", size = 1000 },`,
    ']',
    '',
    '[[package]]',
    'name = "sigstore"',
    'version = "3.6.1"',
    'source = { registry = "https://pypi.org/simple" }',
    `sdist = { url = "${url(sgSdist!)}", hash = "sha256:${sgSdist!.sha256}", size = 1000 }`,
    '',
  ].join('\n');
}
