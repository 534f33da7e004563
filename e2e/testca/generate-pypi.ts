// Signed PyPI projects for the e2e suite: file-count ladders (perf), a 20-result search, hostile
// certificate fields and publisher-continuity histories. Every document is produced here at run
// time by the test CA; scripts/e2e-prepare.ts writes them under .tmp/e2e-testca/.
import { fakeSha256, githubIdentity, type IdentitySpec, type TestSigstore } from '../../src/testing/testca/index';
import { CERT_PAYLOAD_SETS } from './hostile-payloads';
import type { GeneratedPypiFile, GeneratedPypiProject, GeneratedPypiRelease } from './scenario-manifest';

/** Relative path -> JSON document, written beside scenarios.json. */
export type DocumentSink = (relativePath: string, doc: unknown) => string;

const PYTHONS = ['cp38', 'cp39', 'cp310', 'cp311', 'cp312', 'cp313'];
const PLATFORMS = [
  'manylinux_2_17_x86_64',
  'manylinux_2_17_aarch64',
  'musllinux_1_2_x86_64',
  'musllinux_1_2_aarch64',
  'manylinux_2_28_ppc64le',
  'macosx_11_0_arm64',
  'macosx_10_9_x86_64',
  'win_amd64',
  'win32',
  'win_arm64',
];

/** `count` distinct, well-formed distribution filenames: one sdist, then wheels. */
export function distributionNames(name: string, version: string, count: number): { filename: string; packagetype: GeneratedPypiFile['packagetype'] }[] {
  const stem = name.replace(/[-.]+/g, '_');
  const out: { filename: string; packagetype: GeneratedPypiFile['packagetype'] }[] = [{ filename: `${stem}-${version}.tar.gz`, packagetype: 'sdist' }];
  for (const py of PYTHONS) {
    for (const platform of PLATFORMS) {
      if (out.length >= count) return out;
      out.push({ filename: `${stem}-${version}-${py}-${py}-${platform}.whl`, packagetype: 'bdist_wheel' });
    }
  }
  if (out.length < count) throw new Error(`at most ${PYTHONS.length * PLATFORMS.length + 1} files per release`);
  return out;
}

export interface ReleaseSpec {
  version: string;
  uploaded: string;
  files: number;
  /** Who signs every file; null = no provenance (404). */
  identity: IdentitySpec | null;
}

export function signedRelease(ca: TestSigstore, sink: DocumentSink, name: string, spec: ReleaseSpec): GeneratedPypiRelease {
  // One upload job signs every file of a release with one certificate, as pypi-publish does.
  const session = spec.identity ? ca.keylessSession(spec.identity) : undefined;
  const files = distributionNames(name, spec.version, spec.files).map(({ filename, packagetype }): GeneratedPypiFile => {
    const sha256 = fakeSha256(`${name}/${spec.version}/${filename}`);
    if (!spec.identity) return { filename, packagetype, sha256, provenance: null };
    const attestation = ca.pypiAttestation({ filename, sha256, identity: spec.identity, session });
    const provenance = ca.pypiProvenance({ publisher: spec.identity, attestations: [attestation] });
    return { filename, packagetype, sha256, provenance: sink(`pypi/${name}/${spec.version}/${filename}.provenance.json`, provenance) };
  });
  return { version: spec.version, uploaded: spec.uploaded, files };
}

function project(ca: TestSigstore, sink: DocumentSink, name: string, summary: string, releases: ReleaseSpec[]): GeneratedPypiProject {
  const latest = releases.at(-1)?.version ?? '1.0.0';
  const markup = name.length % 2 === 0 ? 'new' : 'old';
  return { name, summary, markup, latest, releases: releases.map((r) => signedRelease(ca, sink, name, r)) };
}

const T0 = '2026-01-10T12:00:00.000000Z';
const T1 = '2026-02-10T12:00:00.000000Z';

function one(files: number, identity: IdentitySpec | null): ReleaseSpec[] {
  return [{ version: '1.0.0', uploaded: T0, files, identity }];
}

export const FILE_LADDER = [1, 10, 30, 60] as const;

export function generatePypiProjects(ca: TestSigstore, sink: DocumentSink): { projects: GeneratedPypiProject[]; searches: Record<string, string[]> } {
  const id = (repo: string, fields: Parameters<typeof githubIdentity>[1] = {}) => githubIdentity(repo, fields);
  const projects: GeneratedPypiProject[] = [];
  for (const n of FILE_LADDER) {
    projects.push(project(ca, sink, `lens-files-${n}`, `Test-CA project with ${n} attested files`, one(n, id('lens-e2e/files'))));
  }
  for (const set of CERT_PAYLOAD_SETS) {
    projects.push(project(ca, sink, set.name, 'Test-CA project whose certificate carries hostile strings', one(1, set.identity)));
  }
  projects.push(
    project(ca, sink, 'lens-continuity-same', 'Two releases from the same publisher', [
      { version: '1.0.0', uploaded: T0, files: 2, identity: id('lens-e2e/continuity-same', { ref: 'refs/tags/v1.0.0' }) },
      { version: '1.1.0', uploaded: T1, files: 2, identity: id('lens-e2e/continuity-same', { ref: 'refs/tags/v1.1.0' }) },
    ]),
    project(ca, sink, 'lens-continuity-changed', 'The second release comes from another repository', [
      { version: '1.0.0', uploaded: T0, files: 2, identity: id('lens-e2e/continuity-changed', { ref: 'refs/tags/v1.0.0' }) },
      { version: '1.1.0', uploaded: T1, files: 2, identity: id('lens-e2e-fork/continuity-changed', { ref: 'refs/tags/v1.1.0' }) },
    ]),
    project(ca, sink, 'lens-continuity-lost', 'The second release has no provenance', [
      { version: '1.0.0', uploaded: T0, files: 2, identity: id('lens-e2e/continuity-lost', { ref: 'refs/tags/v1.0.0' }) },
      { version: '1.1.0', uploaded: T1, files: 2, identity: null },
    ]),
  );
  // The 429-once fault needs a real answer on the retry, so it is signed here.
  projects.push({ ...project(ca, sink, 'lens-fault-429-once', 'Integrity API answers 429 once, then the provenance', one(1, id('lens-e2e/faults'))), fault: '429-once' });
  const fillers: string[] = [];
  for (let i = 1; i <= 6; i++) {
    projects.push(project(ca, sink, `lens-search-verified-${i}`, 'Test-CA search filler, attested', one(2, id(`lens-e2e/search-${i}`))));
    projects.push(project(ca, sink, `lens-search-none-${i}`, 'Test-CA search filler without provenance', one(2, null)));
    fillers.push(`lens-search-verified-${i}`, `lens-search-none-${i}`);
  }
  const lens = [...FILE_LADDER.map((n) => `lens-files-${n}`), 'lens-hostile-cert', 'lens-continuity-same', 'lens-continuity-changed', 'lens-continuity-lost', ...fillers];
  return { projects, searches: { lens } };
}
