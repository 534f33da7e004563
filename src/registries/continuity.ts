// Publisher continuity across releases: finds the releases before the version on screen,
// verifies them nearest first until one has verified provenance, and compares identities with
// src/core/continuity.ts. Identities come only from verdicts the core decided (certificates),
// never from a registry's unsigned publisher field.
import { continuityNote, type ReleaseIdentity } from '../core/continuity';
import type { ContinuityNote, PackageVerdict, SignerIdentity } from '../core/verdict';
import type { AdapterDeps } from './adapter';
import type { ApiResult } from './npm/api';
import { fetchEarlierNpmVersions } from './npm/history';
import { verifyNpmDoc } from './npm/version';
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

async function candidates(verdict: PackageVerdict, deps: AdapterDeps): Promise<ApiResult<{ version: string; verify: Verify }[]>> {
  const { name, version } = verdict.pkg;
  if (verdict.pkg.registry === 'pypi') {
    const res = await fetchEarlierPypiReleases(deps.fetcher, name, version, MAX_EARLIER_RELEASES);
    return res.ok ? { ok: true, value: res.value.map((r) => ({ version: r.version, verify: () => verifyPypiFiles(r, deps) })) } : res;
  }
  const attested = verdict.status !== 'none';
  const res = await fetchEarlierNpmVersions(deps.fetcher, name, { version, attested }, MAX_EARLIER_RELEASES);
  return res.ok ? { ok: true, value: res.value.map((d) => ({ version: d.version, verify: () => verifyNpmDoc(d, deps) })) } : res;
}

/** Null when continuity cannot be judged (a listing or an earlier release could not be read). */
export async function findEarlierReleases(verdict: PackageVerdict, deps: AdapterDeps): Promise<EarlierReleases | null> {
  const listed = await candidates(verdict, deps);
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
): Promise<{ note: ContinuityNote | undefined; checked: PackageVerdict[] } | null> {
  const current = comparableIdentity(verdict);
  if (current === undefined || verdict.pkg.version === '') return null;
  const found = await findEarlierReleases(verdict, deps);
  if (!found) return null;
  return { note: continuityNote(current, found.earlier), checked: found.checked };
}
