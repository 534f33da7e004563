// The TUF repository the fixture server plays tuf-repo-cdn.sigstore.dev with, and the one package
// that needs it. The repository is shaped like Sigstore's (src/testing/tuf/tuf-repo.ts): a root
// rotation v1 -> v2, then targets whose trusted_root.json is the production one plus the spare
// Rekor log (spare-log-sigstore.ts), and npm's production keys. The e2e build starts its TUF chain
// from v1 (vite.config.ts, PROVENANCE_LENS_TUF_ROOT), as the product starts from Sigstore's root.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { embeddedTrustInput } from '../../src/core/trust-embedded';
import { githubIdentity, type TestSigstore, type TrustedRootJson } from '../../src/testing/testca/index';
import { generateTufKey } from '../../src/testing/tuf/tuf-keys';
import { TestTufRepo } from '../../src/testing/tuf/tuf-repo';
import { signedRelease, type DocumentSink } from './generate-pypi';
import { TUF_NEW_LOG_PROJECT, TUF_PUBLISHED, TUF_REPO_DIR, TUF_ROOT_FILE } from './paths';
import type { GeneratedPypiProject } from './scenario-manifest';


export interface GeneratedTufRepo {
  /** root.json v1: the chain's start, embedded by the e2e build. */
  initialRoot: string;
  files: ReadonlyMap<string, Uint8Array>;
}

export function generateTufRepository(spareTlog: TrustedRootJson['tlogs'][number]): GeneratedTufRepo {
  const production = embeddedTrustInput();
  const root = production.trustedRoot as { tlogs?: unknown[] };
  const trustedRoot = { ...root, tlogs: [...(root.tlogs ?? []), spareTlog] };
  const repo = new TestTufRepo();
  // A rotation, so the worker walks a root chain (both thresholds) and not only the first root.
  repo.publishRoot({ version: TUF_PUBLISHED.root, rootKeys: [generateTufKey(), generateTufKey(), generateTufKey()], threshold: 2 });
  repo.publish({ version: TUF_PUBLISHED.targets, trustedRoot, npmKeys: production.npmKeys });
  return { initialRoot: repo.initialRoot, files: repo.files };
}

/** Writes the served files under `<dir>/tuf/` and the initial root as `<dir>/tuf-root.json`; answers the file count. */
export function writeTufRepository(dir: string, repo: GeneratedTufRepo): number {
  for (const [path, bytes] of repo.files) {
    const target = join(dir, TUF_REPO_DIR, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
  writeFileSync(join(dir, TUF_ROOT_FILE), repo.initialRoot);
  return repo.files.size;
}

/** One release, one attested file, logged by `spare` (the spare log). */
export function tufNewLogProject(spare: TestSigstore, sink: DocumentSink): GeneratedPypiProject {
  const identity = githubIdentity('lens-e2e/tuf-new-log', { ref: 'refs/tags/v1.0.0' });
  const release = signedRelease(spare, sink, TUF_NEW_LOG_PROJECT, { version: '1.0.0', uploaded: '2026-01-10T12:00:00.000000Z', files: 1, identity });
  return { name: TUF_NEW_LOG_PROJECT, summary: 'Attested through a log only the TUF repository names', markup: 'new', latest: '1.0.0', releases: [release] };
}
