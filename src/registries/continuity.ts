// Publisher continuity across releases: finds the releases before the version on screen,
// verifies them nearest first until one has verified provenance, and compares identities with
// src/core/continuity.ts. Identities come only from verdicts the core decided (certificates),
// never from a registry's unsigned publisher field.
import { continuityNote, type ReleaseIdentity } from '../core/continuity';
import type { ContinuityNote, PackageRef, PackageVerdict, SignerIdentity } from '../core/verdict';
import type { AdapterDeps } from './adapter';
import type { ApiResult } from './npm/api';
import { fetchEarlierNpmVersions } from './npm/history';
import { verifyNpmDoc } from './npm/version';
import { fetchRelease } from './pypi/api';
import { fetchEarlierPypiReleases } from './pypi/history';
import { verifyPypiFiles } from './pypi/release';

/** Releases verified at most per answer: a bound on requests, not on history. */
export const MAX_EARLIER_RELEASES = 3;

/**
 * The identity continuity compares: a partial release's too (its verified files agree on one
 * publisher, or the release would be invalid), null for no provenance. `undefined` for
 * invalid and unavailable verdicts: they are red or grey already, and a note would only blur it.
 */
export function comparableIdentity(verdict: PackageVerdict): SignerIdentity | null | undefined {
  if (verdict.status === 'verified' || verdict.status === 'partial') return verdict.identity;
  return verdict.status === 'none' ? null : undefined;
}

export interface EarlierReleases {
  /** Nearest first, ending with the first one that had verified provenance. */
  earlier: ReleaseIdentity[];
  /** Every earlier release verdict decided on the way, for the caller's artifact cache. */
  checked: PackageVerdict[];
}

type Verify = () => Promise<PackageVerdict>;

/** `attested`: whether the release on screen has provenance (npm reads its listing by it). */
async function candidates(release: { pkg: { registry: PackageRef['registry']; name: string; version: string }; attested: boolean }, deps: AdapterDeps): Promise<ApiResult<{ version: string; verify: Verify }[]>> {
  const { name, version } = release.pkg;
  if (release.pkg.registry === 'pypi') {
    const res = await fetchEarlierPypiReleases(deps.fetcher, name, version, MAX_EARLIER_RELEASES);
    return res.ok ? { ok: true, value: res.value.map((r) => ({ version: r.version, verify: () => verifyPypiFiles(r, deps) })) } : res;
  }
  const res = await fetchEarlierNpmVersions(deps.fetcher, name, { version, attested: release.attested }, MAX_EARLIER_RELEASES);
  return res.ok ? { ok: true, value: res.value.map((d) => ({ version: d.version, verify: () => verifyNpmDoc(d, deps) })) } : res;
}

/** Null when continuity cannot be judged (a listing or an earlier release could not be read). */
export function findEarlierReleases(verdict: PackageVerdict, deps: AdapterDeps): Promise<EarlierReleases | null> {
  return earlierReleasesOf({ pkg: verdict.pkg, attested: verdict.status !== 'none' }, deps);
}

/** Earlier releases being found for a release before its own verdict is decided. */
export interface StartedEarlier {
  earlier: Promise<EarlierReleases | null>;
  /** Whether this is the work continuityFor would do for `verdict` (a verdict of the same name). */
  fits(verdict: PackageVerdict): boolean;
}

/**
 * A release's earlier releases, found and verified from its name and version alone, so this can
 * run beside the release's own verdict: the note then waits for no round trip after it. PyPI's
 * listing does not depend on that verdict; npm's reads the full packument when the release is
 * attested and the abbreviated one drops attestations, so it is started as for an attested
 * release (the pages people check) and fits only such a verdict. On a PyPI "latest" page the
 * project JSON the verdict reads names the release (the same request: shared-answers.ts); npm's
 * "latest" is left to the note. `skip`: a release whose note is known already.
 */
export function startEarlierReleases(pkg: PackageRef, deps: AdapterDeps, skip: (release: PackageRef) => boolean): StartedEarlier | null {
  const { registry, name } = pkg;
  const from = (version: string) => earlierReleasesOf({ pkg: { registry, name, version }, attested: true }, deps);
  if (pkg.version !== undefined) {
    const { version } = pkg;
    return { earlier: from(version), fits: (verdict) => verdict.pkg.version === version && (registry === 'pypi' || verdict.status !== 'none') };
  }
  if (registry !== 'pypi') return null;
  let resolved: string | undefined;
  const earlier = fetchRelease(deps.fetcher, name).then((release) => {
    if (!release.ok || skip({ registry, name, version: release.value.version })) return null;
    resolved = release.value.version;
    return from(resolved);
  });
  return { earlier, fits: (verdict) => resolved !== undefined && verdict.pkg.version === resolved };
}

async function earlierReleasesOf(release: Parameters<typeof candidates>[0], deps: AdapterDeps): Promise<EarlierReleases | null> {
  const listed = await candidates(release, deps);
  if (!listed.ok) return null;
  const earlier: ReleaseIdentity[] = [];
  const checked: PackageVerdict[] = [];
  for (const candidate of listed.value) {
    const v = await candidate.verify();
    checked.push(v);
    // Unknown is not "none": a note built past a release we could not read might be wrong.
    if (v.status === 'unavailable') return null;
    // A release that fails verification vouches for no publisher; look further back.
    if (v.status === 'invalid') continue;
    const identity = comparableIdentity(v) ?? null;
    earlier.push({ version: candidate.version, identity });
    if (identity) break;
  }
  return { earlier, checked };
}

/** The continuity note for a decided verdict, or undefined (nothing changed, or unknown). */
export async function continuityFor(
  verdict: PackageVerdict,
  deps: AdapterDeps,
  /** Earlier releases already on their way for this very verdict (startEarlierReleases, fitting it). */
  started?: Promise<EarlierReleases | null>,
): Promise<{ note: ContinuityNote | undefined; checked: PackageVerdict[] } | null> {
  const current = comparableIdentity(verdict);
  if (current === undefined || verdict.pkg.version === '') return null;
  const found = await (started ?? findEarlierReleases(verdict, deps));
  if (!found) return null;
  return { note: continuityNote(current, found.earlier), checked: found.checked };
}

