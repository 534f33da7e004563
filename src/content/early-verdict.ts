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
import { createAsk } from '../ui/worker-client';

interface EarlyHolder {
  provenanceLensEarly?: Promise<unknown>;
}

/** First script: keeps the reply for the main one. */
export function keepEarlyReply(reply: Promise<unknown>): void {
  reply.catch(() => undefined);
  (globalThis as EarlyHolder).provenanceLensEarly = reply;
}

let arrived: PackageVerdict | undefined;

/** Main script: decodes the first script's reply when it comes (once). */
export function listenForEarlyVerdict(): void {
  const holder = globalThis as EarlyHolder;
  const reply = holder.provenanceLensEarly;
  delete holder.provenanceLensEarly;
  if (reply === undefined) return;
  const decode = createAsk(() => reply);
  void decode({ type: 'content/prepare' } as Message).then((outcome) => {
    if (outcome.ok && outcome.value !== null && typeof outcome.value === 'object') arrived = outcome.value as PackageVerdict;
  });
}

/** The early verdict for `pkg`'s page, if it came by now; given out once. */
export function takeEarlyVerdict(pkg: PackageRef): PackageVerdict | undefined {
  const verdict = arrived;
  arrived = undefined;
  if (verdict === undefined || verdict.pkg.registry !== pkg.registry) return undefined;
  if (pkg.version !== undefined && verdict.pkg.version !== pkg.version) return undefined;
  return verdict;
}
