// The verdict the worker prepared for this URL's package, told to the page's first script in
// reply to content/prepare (early-start.ts), usually before the page is parsed. The first script
// leaves the reply on this extension's own global (the isolated world: the page cannot see it);
// the main script decodes it as it decodes every reply. A PyPI package page draws it at once, at
// DOMContentLoaded, only where the page's own judgement cannot change it (pypi-site.ts: every
// file it lists was checked, no PyPI notice, a "latest" header naming that release); the page
// asks as always, and that answer follows. A revisit's badge then waits for no round trip after
// DOMContentLoaded, which a page still laying itself out delays by tens of milliseconds.
import type { PackageRef, PackageVerdict } from '../core/verdict';
import type { Message } from '../shared/messages';
import { createAsk, isObject as isRecord } from '../ui/worker-client';

interface EarlyHolder {
  provenanceLensEarly?: Promise<unknown>;
}

/** First script: keeps the reply for the main one. */
export function keepEarlyReply(reply: Promise<unknown>): void {
  reply.catch(() => undefined);
  (globalThis as EarlyHolder).provenanceLensEarly = reply;
}

/** Waiting for the reply, holding it, or given out (the first page set up took it, or not). */
let early: { taken: boolean; verdict?: PackageVerdict } = { taken: false };

const isText = (v: unknown): v is string => typeof v === 'string';

/** Only the worker sends it, yet a reply of another shape must not cost the page its own ask. */
function looksLikeVerdict(v: unknown): v is PackageVerdict {
  if (!isRecord(v) || !isText(v.status) || !isRecord(v.pkg) || !Array.isArray(v.files)) return false;
  const { pkg } = v;
  return (pkg.registry === 'pypi' || pkg.registry === 'npm') && isText(pkg.name) && isText(pkg.version) && v.files.every((f) => isRecord(f) && isText(f.filename));
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
  void decode({ type: 'content/prepare' } as Message).then((outcome) => {
    if (!mine.taken && outcome.ok && looksLikeVerdict(outcome.value)) mine.verdict = outcome.value;
  });
}

/**
 * The early verdict for `pkg`'s page, if it came by now. Asked once per document: the first page
 * set up uses it up whether it came or not, so a reply that comes later is never drawn on a page
 * set up later (a back/forward restore, an in-site navigation), where it would be out of date.
 */
export function takeEarlyVerdict(pkg: PackageRef): PackageVerdict | undefined {
  const { verdict, taken } = early;
  early.taken = true;
  delete early.verdict;
  if (taken || verdict === undefined || verdict.pkg.registry !== pkg.registry) return undefined;
  if (pkg.version !== undefined && verdict.pkg.version !== pkg.version) return undefined;
  return verdict;
}
