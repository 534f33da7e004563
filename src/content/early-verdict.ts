// The verdict the worker prepared for this URL's package, told to the page's first script in
// reply to content/prepare (early-start.ts), usually before the page is parsed. The first script
// leaves the reply on this extension's own global (the isolated world: the page cannot see it);
// the main script decodes it as it decodes every reply. A PyPI package page draws it at once, at
// DOMContentLoaded, only where the page's own judgement cannot change it (pypi-site.ts: every
// file it lists was checked, no PyPI notice, a "latest" header naming that release); the page
// asks as always, and that answer follows. A revisit's badge then waits for no round trip after
// DOMContentLoaded, which a page still laying itself out delays by tens of milliseconds.
// A PyPI search page is told the kept verdicts of the results its URL showed before; a result on
// screen at the page's first look takes its told verdict as its answer and does not ask, if the
// reply comes within TOLD_WAIT_MS (search-badges.ts).
import type { PackageRef, PackageVerdict } from '../core/verdict';
import type { EarlySearchVerdict, Message } from '../shared/messages';
import { packageAttr } from '../ui/display-state';
import { answers } from '../shared/package-names';
import { createAsk, isObject as isRecord, looksLikeVerdict } from '../ui/worker-client';
import type { EarlyHolder } from './early-start';

/** Waiting for the reply, holding it, or given out (the first page set up took it, or not). */
let early: { taken: boolean; verdict?: PackageVerdict; search?: Promise<Told> } = { taken: false };

/** A search page's early verdicts, by `packageAttr` of the result's package as the page asked. */
export type Told = ReadonlyMap<string, EarlySearchVerdict>;
const NOTHING_TOLD: Promise<Told> = Promise.resolve(new Map());


/**
 * A search page's told entry (search-memory.ts): well formed, and its verdict of the package
 * asked: that registry, that name (as PyPI normalises it), the version if one was asked.
 */
function isToldEntry(e: unknown): e is EarlySearchVerdict {
  if (!isRecord(e) || !isRecord(e.asked) || !looksLikeVerdict(e.verdict)) return false;
  const { asked, verdict, until } = e;
  return (
    (until === undefined || typeof until === 'number') &&
    typeof asked.name === 'string' &&
    answers(asked as unknown as PackageRef, verdict)
  );
}

/** Main script: decodes the first script's reply when it comes, unless a page was set up before. */
export function listenForEarlyVerdict(): void {
  const holder = globalThis as EarlyHolder;
  const reply = holder.provenanceLensEarly;
  delete holder.provenanceLensEarly;
  early = { taken: false };
  if (reply === undefined) return;
  const mine = early;
  const decode = createAsk(() => reply);
  const decoded = decode({ type: 'content/prepare' } as Message);
  void decoded.then((outcome) => {
    if (!mine.taken && outcome.ok && looksLikeVerdict(outcome.value)) mine.verdict = outcome.value;
  });
  mine.search = decoded.then((outcome) =>
    outcome.ok && Array.isArray(outcome.value) && outcome.value.every(isToldEntry) ? new Map(outcome.value.map((e) => [packageAttr(e.asked), e])) : new Map(),
  );
}

/**
 * The early verdict for `pkg`'s page, if it came by now. Asked once per document: the first page
 * set up uses it up whether it came or not, so a reply that comes later is never drawn on a page
 * set up later (a back/forward restore, an in-site navigation), where it would be out of date.
 */
export function takeEarlyVerdict(pkg: PackageRef): PackageVerdict | undefined {
  const { verdict, taken } = early;
  forgoEarly();
  if (taken || verdict === undefined || verdict.pkg.registry !== pkg.registry) return undefined;
  if (pkg.version !== undefined && verdict.pkg.version !== pkg.version) return undefined;
  return verdict;
}

/**
 * A search page's early verdicts, when they come; given to the first page set up in the document
 * only, as takeEarlyVerdict. Unlike a package page's, they may still be on their way: the first
 * look's results wait for them a little (search-badges.ts).
 */
export function takeEarlySearch(): Promise<Told> {
  const { search, taken } = early;
  forgoEarly();
  return taken || search === undefined ? NOTHING_TOLD : search;
}

/**
 * Nothing told early may be used from now on: the first page set up in the document took it or
 * was of a kind that does not (site-runner.ts), or the worker asked the page to ask again (a
 * retry or a pin change while the page loaded: pypi.ts).
 */
export function forgoEarly(): void {
  early.taken = true;
  delete early.verdict;
  delete early.search;
}
