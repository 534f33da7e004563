// The message router: parses the message, classifies the sender, and lets each caller ask
// only what it may. Never throws: every path answers a Reply.
import type { PackageRef } from '../core/verdict';
import { withPageInputs } from '../registries/page-inputs';
import { isValidPackageRef } from '../registries/verify-package';
import { parseMessage } from '../shared/message-parse';
import {
  isContentMessage,
  type AboutInfo,
  type ContentMessage,
  type MessageErrorCode,
  type PageMessage,
  type Reply,
} from '../shared/messages';
import { textsForCodesIn } from '../shared/code-text-table';
import { shareIdentities } from '../shared/identity-table';
import type { VerdictCache } from './cache';
import { onScreen } from './on-screen';
import { answerSearchVerdicts, askSearchesAgain, earlySearch, refusal, type SearchRouteDeps } from './search-routes';
import { pageShows } from './page-match';
import { isPinMessage, onPinMessage } from './pin-routes';
import type { PinStore } from './pins';
import { createReleaseBudget, type ReleaseBudget } from './release-verdicts';
import { classifySender, type Caller, type Sender, type SenderPolicy } from './sender';
import type { ContinuityService } from './continuity-service';
import type { SettingsStore } from './settings';
import { tabPackage, type TabState } from './tab-state';
import { answerTimeline } from './timeline-route';
import type { TimelineService } from './timeline-service';
import { workerTrust } from './trust';
import type { VerdictService } from './verdicts';

export interface RouterDeps extends SenderPolicy, SearchRouteDeps {
  verdicts: VerdictService;
  tabs: TabState;
  settings: SettingsStore;
  cache: Pick<VerdictCache, 'clear'>;
  continuity?: Pick<ContinuityService, 'forget'>; // its notes are forgotten with the cache
  pins: PinStore;
  log?: (message: string, error: unknown) => void;
  /** Injects the details panel's script into the tab's top frame (worker: scripting.executeScript). */
  showPanel?: (tabId: number) => Promise<void>;
  /** What `page/about` answers; defaults to the running extension's manifest and trust. */
  about?: () => AboutInfo | Promise<AboutInfo>;
  /** Releases a package page's history may have checked (release-verdicts.ts); one per router by default. */
  releases?: ReleaseBudget;
  /** Release timelines (timeline-service.ts), built when a Release history is opened; without it none are. */
  timelines?: TimelineService;
}

type ManifestApi = { runtime?: { getManifest?: () => { version?: string } } };

// Read from the global rather than the polyfill import, so the router stays loadable in Node tests.
function extensionAbout(): AboutInfo {
  const g = globalThis as { browser?: ManifestApi; chrome?: ManifestApi };
  const runtime = g.browser?.runtime ?? g.chrome?.runtime;
  return { version: runtime?.getManifest?.().version ?? '', trustedRootDate: workerTrust().trustedRootDate };
}

export type Router = (raw: unknown, sender: Sender) => Promise<Reply<unknown>>;

const ok = <T>(value: T): Reply<T> => ({ ok: true, value });
const no = (code: MessageErrorCode, message: string): Reply<never> => ({ ok: false, code, message });

async function onContent(msg: ContentMessage, caller: Extract<Caller, { kind: 'content' }>, deps: RouterDeps): Promise<Reply<unknown>> {
  if (msg.type === 'content/settings') return ok(await deps.settings.get());
  if (msg.type === 'content/timeline') return answerTimeline(deps.timelines, msg, caller);
  if (msg.type === 'content/prepare') {
    if (caller.view.kind === 'search') return ok(await earlySearch(caller, deps));
    // The package is the tab's URL's, read by the browser; the message names none.
    if (caller.view.kind !== 'package') return no('MSG_NOT_A_PACKAGE_PAGE', 'the sender page shows no package');
    const shown = caller.view.pkg;
    const refused = refusal(shown, caller);
    if (refused) return refused;
    // Answered with the prepared verdict, as decided for the URL's package and not yet judged
    // against the page (its files, PyPI's notice): the page draws it at once only where that
    // judgement cannot change it (content/early-verdict.ts), and asks as always.
    const early = await deps.verdicts.prepare?.(shown.version === undefined ? { registry: shown.registry, name: shown.name } : shown, caller.tabId, 'document');
    return ok(early ?? null);
  }
  if (msg.type === 'content/panel') {
    // Only into the asking tab, only our own file: the message names nothing else.
    if (deps.showPanel === undefined) return no('MSG_INTERNAL', 'no panel injection here');
    try {
      await deps.showPanel(caller.tabId);
      return ok(true);
    } catch (error) {
      deps.log?.('details panel: not injected', error);
      return no('MSG_INTERNAL', 'the details panel could not be shown');
    }
  }
  if (msg.type === 'content/search-verdicts') return answerSearchVerdicts(msg.pkgs, caller, deps, msg.details === true);
  const refused = refusal(msg.pkg, caller);
  if (refused) return refused;
  const shown = caller.view.kind === 'package' ? caller.view.pkg : null;
  if (!shown) return no('MSG_NOT_A_PACKAGE_PAGE', 'the sender page shows no package');
  if (!pageShows(shown, msg.pkg)) return no('MSG_FORBIDDEN_SENDER', 'a page may only ask about the package it shows');
  // The URL, not the page, says which version: a "latest" page gets the latest we resolve.
  const pkg: PackageRef = shown.version === undefined ? { registry: msg.pkg.registry, name: msg.pkg.name } : msg.pkg;
  // The toolbar badge and the popup's record follow the page; the page's answer does not wait
  // for their writes (a few browser round trips on every visit).
  const token = deps.tabs.loading(caller.tabId, pkg);
  // Handled here too: should the verdict throw first, a failed badge write must not go unhandled.
  token.catch(() => undefined);
  const page = { ...(msg.shownVersion === undefined ? {} : { shownVersion: msg.shownVersion }), ...(msg.files ? { files: msg.files } : {}) };
  const asked = await onScreen(pkg, page, deps.verdicts, caller.tabId);
  // What the page lists and says can take the verdict down or add a note, never raise it; kept
  // with the tab, so a verdict decided anew from the popup is judged against the same page.
  const inputs = { ...(msg.files ? { files: msg.files } : {}), ...(msg.notice ? { notice: msg.notice } : {}) };
  const verdict = withPageInputs(asked, inputs);
  const shownVersion = pkg.version === undefined && msg.shownVersion !== undefined && isValidPackageRef({ ...pkg, version: msg.shownVersion }) ? { shownVersion: msg.shownVersion } : {};
  void token
    .then((t) => deps.tabs.set(caller.tabId, { pkg, verdict, inputs, ...shownVersion }, t))
    .catch((error: unknown) => deps.log?.('tab state: not recorded', error));
  return ok(verdict);
}

async function onPage(msg: PageMessage, deps: RouterDeps): Promise<Reply<unknown>> {
  if (isPinMessage(msg)) {
    const reply = await onPinMessage(msg, deps);
    if (reply.ok && (msg.type === 'page/pin-set' || msg.type === 'page/pin-remove')) askSearchesAgain(msg.pkg, deps);
    if (reply.ok && msg.type === 'page/pins-import') askSearchesAgain(null, deps);
    return reply;
  }
  switch (msg.type) {
    case 'page/active-verdict': {
      // The release the tab shows, version included on a "latest" page: the popup's retry and
      // pin then ask about that version, and their verdicts land on this tab. A "latest" page
      // never resolved goes without one, so its retry asks for latest again.
      const entry = await deps.tabs.get(msg.tabId);
      if (entry) return ok({ pkg: tabPackage(entry), verdict: entry.verdict });
      // A popup opened while the page's check runs says so, and asks again, rather than
      // telling the reader no package is shown.
      const checking = deps.tabs.checking(msg.tabId);
      return ok(checking ? { pkg: checking, checking: true as const } : null);
    }
    case 'page/retry': {
      if (!isValidPackageRef(msg.pkg)) return no('MSG_BAD_PACKAGE', 'name or version outside the registry grammar');
      const verdict = await deps.verdicts.getVerdict(msg.pkg, { fresh: true });
      await deps.tabs.replaceVerdict(verdict, msg.pkg);
      askSearchesAgain(msg.pkg, deps);
      // The popup shows its tab: the verdict as judged against that tab's page (its files).
      const recorded = msg.tabId === undefined ? null : await deps.tabs.get(msg.tabId);
      const same = recorded !== null && recorded.verdict.pkg.name === verdict.pkg.name && recorded.verdict.pkg.version === verdict.pkg.version;
      return ok(same ? withPageInputs(verdict, recorded.inputs) : verdict);
    }
    case 'page/settings-get':
      return ok(await deps.settings.get());
    case 'page/settings-set':
      // Search badges turned off: the searches remembered for them are forgotten too.
      if (!msg.settings.searchBadges) deps.searches?.clear();
      return ok(await deps.settings.set(msg.settings));
    case 'page/cache-clear':
      deps.searches?.clear();
      // The notes were worked out from the registry's answers too: a cleared cache decides them anew.
      await deps.continuity?.forget?.();
      return ok({ cleared: await deps.cache.clear() });
    case 'page/about':
      return ok(await (deps.about ?? extensionAbout)());
    case 'page/timeline':
      return answerTimeline(deps.timelines, msg, { kind: 'page' });
  }
}

// A page parses the reply on its own main thread: each identity goes once (identity-table.ts).
function forPage(reply: Reply<unknown>): Reply<unknown> {
  if (!reply.ok) return reply;
  const { value, identities } = shareIdentities(reply.value);
  return identities.length === 0 ? reply : { ...reply, value, identities };
}

// Content scripts carry no table of sentences: each reply brings those for the codes it holds.
function explained(reply: Reply<unknown>): Reply<unknown> {
  const texts = textsForCodesIn(reply);
  return Object.keys(texts).length === 0 ? reply : { ...reply, texts };
}

export function createRouter(given: RouterDeps): Router {
  const deps: RouterDeps = { ...given, releases: given.releases ?? createReleaseBudget() };
  const answer: Router = async (raw, sender) => {
    try {
      const parsed = parseMessage(raw);
      if (!parsed.ok) return no(parsed.code, 'message rejected');
      const caller = classifySender(sender, deps);
      if (caller.kind === 'forbidden') return no('MSG_FORBIDDEN_SENDER', caller.reason);
      const msg = parsed.message;
      if (caller.kind === 'content') {
        if (!isContentMessage(msg)) return no('MSG_FORBIDDEN_SENDER', 'extension-page messages are not for content scripts');
        return forPage(await onContent(msg, caller, deps));
      }
      // Extension pages use page/* only, so a compromised content path can't be mimicked.
      if (isContentMessage(msg)) return no('MSG_FORBIDDEN_SENDER', 'content messages come from registry pages');
      return await onPage(msg, deps);
    } catch (error) {
      deps.log?.('router: request failed', error);
      return no('MSG_INTERNAL', 'internal error');
    }
  };
  return async (raw, sender) => explained(await answer(raw, sender));
}
