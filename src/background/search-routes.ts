// The router's search side: a search page's batches of results (and a package page's release
// history, which asks in the same batches), what a revisited search page is told as it loads
// (search-memory.ts), and asking the search pages that show a name to ask again once it is
// decided anew (search-tabs.ts).
import type { PackageRef, PackageVerdict } from '../core/verdict';
import { isValidPackageRef } from '../registries/verify-package';
import type { EarlySearchVerdict, MessageErrorCode, Reply } from '../shared/messages';
import { abridgedForBadge } from './abridged-verdict';
import { onlyReleasesOf, OVER_BUDGET, type ReleaseBudget } from './release-verdicts';
import { keptSearchVerdicts, type SearchMemory } from './search-memory';
import type { SearchTabs } from './search-tabs';
import type { Caller } from './sender';
import type { SettingsStore } from './settings';
import type { VerdictService } from './verdicts';

export interface SearchRouteDeps {
  verdicts: VerdictService;
  settings: SettingsStore;
  /** Releases a package page's history may have checked (release-verdicts.ts). */
  releases?: ReleaseBudget;
  /** What search pages asked about, for their next visit's early draw; without it there is none. */
  searches?: SearchMemory;
  /** Which tabs show which search results, and how to ask a tab's page to ask again. */
  searchTabs?: SearchTabs;
  askAgain?: (tabId: number) => void;
}

type ContentCaller = Extract<Caller, { kind: 'content' }>;

const ok = <T>(value: T): Reply<T> => ({ ok: true, value });
const no = (code: MessageErrorCode, message: string): Reply<never> => ({ ok: false, code, message });

/** Why a content script may not ask about `pkg` at all, or null. */
export function refusal(pkg: PackageRef, caller: ContentCaller): Reply<never> | null {
  if (pkg.registry !== caller.site.registry) return no('MSG_FORBIDDEN_SENDER', 'package of another registry');
  if (!isValidPackageRef(pkg)) return no('MSG_BAD_PACKAGE', 'name or version outside the registry grammar');
  return null;
}

const whole = (verdict: PackageVerdict) => verdict;

// Each result is judged on its own: one bad name in a batch does not cost the others their answer.
async function searchVerdict(pkg: PackageRef, caller: ContentCaller, deps: SearchRouteDeps, shape = whole): Promise<Reply<unknown>> {
  return refusal(pkg, caller) ?? ok(shape(await deps.verdicts.getVerdict(pkg)));
}

/** content/search-verdicts; `details`: whole verdicts for a search page's details panel. */
export async function answerSearchVerdicts(pkgs: PackageRef[], caller: ContentCaller, deps: SearchRouteDeps, details = false): Promise<Reply<unknown>> {
  // A package page's release history asks in the same batches, for that package's releases only.
  if (caller.view.kind === 'package') {
    if (!onlyReleasesOf(caller.view.pkg, pkgs)) return no('MSG_FORBIDDEN_SENDER', 'a package page may only ask about its own releases');
    const budget = deps.releases as ReleaseBudget;
    return ok(await Promise.all(pkgs.map((pkg) => refusal(pkg, caller) ?? (budget.take(pkg) ? searchVerdict(pkg, caller, deps) : OVER_BUDGET))));
  }
  if (caller.view.kind !== 'search') return no('MSG_FORBIDDEN_SENDER', 'search verdicts only from a search page');
  // The page asks before it knows the setting; the setting is kept here, not in the page.
  if (!(await deps.settings.get()).searchBadges) return no('MSG_FORBIDDEN_SENDER', 'search badges are turned off');
  const asked = pkgs.filter((pkg) => refusal(pkg, caller) === null);
  // Under the asking document's own URL: the tab may have moved on to another search already.
  // Only PyPI's first script is told a search's results (npm renders them after its hydration).
  if (!caller.incognito && caller.site.registry === 'pypi') deps.searches?.note(caller.documentUrl, asked);
  deps.searchTabs?.shown(caller.tabId, asked);
  // A badge reads only part of each verdict; the panel asks for the one it opens on whole.
  return ok(await Promise.all(pkgs.map((pkg) => searchVerdict(pkg, caller, deps, details ? whole : abridgedForBadge))));
}

/**
 * content/prepare from a search page: its results' kept verdicts from its document's visit
 * before; none while they may not be badged (asked again once they are found: the setting may
 * change meanwhile), none in a private window, whose searches are not remembered either.
 */
export async function earlySearch(caller: ContentCaller, deps: SearchRouteDeps): Promise<EarlySearchVerdict[]> {
  const { searches } = deps;
  const kept = deps.verdicts.kept?.bind(deps.verdicts);
  const allowed = async () => (await deps.settings.get()).searchBadges;
  if (searches === undefined || kept === undefined || caller.incognito || !(await allowed())) return [];
  const told = await keptSearchVerdicts(searches, caller.documentUrl, kept);
  if (told.length === 0 || !(await allowed())) return [];
  deps.searchTabs?.shown(caller.tabId, told.map((t) => t.asked));
  return told.map((t) => ({ ...t, verdict: abridgedForBadge(t.verdict) }));
}

/** `pkg`'s name was decided anew (null: any name): the search pages showing it ask again. */
export function askSearchesAgain(pkg: PackageRef | null, deps: SearchRouteDeps): void {
  for (const tabId of deps.searchTabs?.showing(pkg) ?? []) deps.askAgain?.(tabId);
}
