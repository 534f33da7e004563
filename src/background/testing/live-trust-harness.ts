// The worker's live trust (tuf/live-trust.ts) as its tests build it: against a generated TUF
// repository served in-process, from that repository's first root, on a fake storage.local
// unless one is given, with the clock the test moves. One place, so every test of the refresh
// (its own, review 3's clock cases, review 16's delay cases) builds the same service.
import { embeddedTrustInput } from '../../core/trust-embedded';
import { TestTufRepo } from '../../testing/tuf/tuf-repo';
import { repoFetch, TEST_TUF_BASE } from '../../testing/tuf/tuf-serve';
import type { StorageArea } from '../storage-area';
import type { InstalledTrust } from '../trust';
import { createLiveTrust } from '../tuf/live-trust';
import { fakeStorage } from './fake-storage';

/** A repository whose targets (version 5) are the build's embedded trusted root and npm keys. */
export function embeddedTufRepo(): TestTufRepo {
  const content = embeddedTrustInput();
  const repo = new TestTufRepo();
  repo.publish({ version: 5, trustedRoot: content.trustedRoot, npmKeys: content.npmKeys });
  return repo;
}

export interface LiveTrustOptions {
  storage?: StorageArea;
  /** Shared with an earlier worker's list, to see what each installed, in order. */
  installed?: InstalledTrust[];
  refreshDelayMs?: number;
}

export function liveTrustOn(repo: TestTufRepo, now: () => number, options: LiveTrustOptions = {}) {
  const fetch = repoFetch(repo);
  const storage = options.storage ?? fakeStorage();
  const installed = options.installed ?? [];
  const logged: string[] = [];
  const service = createLiveTrust({
    storage,
    fetch,
    install: (m) => installed.push(m),
    baseUrl: TEST_TUF_BASE,
    initialRoot: repo.initialRoot,
    now,
    log: (message) => logged.push(message),
    ...(options.refreshDelayMs === undefined ? {} : { refreshDelayMs: options.refreshDelayMs }),
  });
  /** Refreshes that reached the repository: each asks for timestamp.json once. */
  const refreshes = () => fetch.requests.filter((p) => p === 'timestamp.json').length;
  return { service, storage, installed, fetch, logged, refreshes };
}
