// The extension API of whichever browser runs us, on its own so a content script's first script
// (pypi-prepare.ts, npm-prepare.ts) takes nothing else from worker-client.ts with it.
import type Browser from 'webextension-polyfill';

/** `browser` first, as Firefox also has `chrome`. */
export function extensionApi(): Browser.Browser {
  const g = globalThis as unknown as { browser?: Browser.Browser; chrome?: Browser.Browser };
  const api = g.browser?.runtime?.id !== undefined ? g.browser : g.chrome;
  if (api === undefined) throw new Error('No extension API in this context.');
  return api;
}
