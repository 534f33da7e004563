// A file verdict is kept under the key of the trust material it was decided with. A TUF refresh
// can install new material while a check runs; the cache's keys then name the new material, and
// a verdict decided under the old one, stored now, would be answered as if checked under the new
// (a release signed through an authority the new material dropped would stay green). Work that
// stores file verdicts as it goes (continuity's earlier releases, a release timeline) captures
// the material's version with its trust and stores only while the version is the same.
import type { PackageVerdict } from '../core/verdict';

export interface ArtifactStore {
  storeArtifacts(verdict: PackageVerdict): Promise<void>;
}

/** `store` that keeps nothing once `version()` is no longer `under` (undefined: no versions, keeps all). */
export function storesUnder<T extends ArtifactStore>(store: T, version: (() => string) | undefined, under: string | undefined): T {
  if (version === undefined || under === undefined) return store;
  return { ...store, storeArtifacts: (verdict: PackageVerdict) => (version() === under ? store.storeArtifacts(verdict) : Promise.resolve()) };
}
