// The content scripts run from document_start (manifest.json). Before the page can be read, a
// package page's URL already names its package: a tiny first script (pypi-prepare.ts,
// npm-prepare.ts, run before the main one is even compiled) asks the worker to start deciding
// its verdict (`content/prepare`) while the browser still loads the page. The badges are placed
// once the document is parsed, as before, and their ask takes that answer: the registry's answer
// is on its way before DOMContentLoaded instead of being asked for after it.
import type { PageView } from '../shared/page-path';
import type { Message } from '../shared/messages';

type Send = (message: Message) => Promise<unknown>;

/** Where the first script leaves the reply for the main one (early-verdict.ts). */
export interface EarlyHolder {
  provenanceLensEarly?: Promise<unknown>;
}

// Here, not in early-verdict.ts: the first script takes nothing of the reply's decoding along.
export function keepEarlyReply(reply: Promise<unknown>): void {
  reply.catch(() => undefined);
  (globalThis as EarlyHolder).provenanceLensEarly = reply;
}

/**
 * Asks the worker to prepare the verdict of the package this URL shows, if it shows one; with
 * `search`, also what a search page's results had kept (a site that renders its results in the
 * page's HTML, so they can be drawn at DOMContentLoaded: PyPI).
 */
export function prepareVerdict(kindOf: (pathname: string, search: string) => PageView['kind'] | undefined, send: Send, search = false): void {
  const kind = kindOf(location.pathname, location.search);
  if (kind !== 'package' && !(search && kind === 'search')) return;
  // The reply is the prepared verdict (early-verdict.ts); the page's own ask reports any trouble.
  keepEarlyReply(send({ type: 'content/prepare' }));
}

/** Runs `start` once the document is parsed (now, when it already is). */
export function whenParsed(start: () => void): void {
  if (document.readyState !== 'loading') return start();
  document.addEventListener('DOMContentLoaded', () => start(), { once: true });
}
