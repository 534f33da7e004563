// Who is asking, decided from the browser-supplied sender and never from the message:
// a registry page's content script, one of our own extension pages, or nobody we serve.
import type { RegistrySite } from '../registries/sites';
import { siteOf, viewOf } from '../registries/sites';
import type { PageView } from '../shared/page-path';

/** The fields of runtime.MessageSender we read. */
export interface Sender {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number; url?: string; incognito?: boolean };
}

export type Caller =
  | {
      kind: 'content';
      tabId: number;
      site: RegistrySite;
      view: PageView;
      /** The page the tab shows now (see below). */
      url: string;
      /** The sending document's own URL, as it was loaded. */
      documentUrl: string;
      /** A private window's tab: what it asks leaves nothing behind in memory for other pages. */
      incognito: boolean;
    }
  | { kind: 'page' }
  | { kind: 'forbidden'; reason: string };

export interface SenderPolicy {
  runtimeId: string;
  /** `runtime.getURL('')`, e.g. `chrome-extension://<id>/`. */
  extensionBase: string;
}

export function classifySender(sender: Sender, policy: SenderPolicy): Caller {
  if (sender.id !== policy.runtimeId) return { kind: 'forbidden', reason: 'message from another extension or a web page' };
  if (typeof sender.url !== 'string') return { kind: 'forbidden', reason: 'sender has no URL' };
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return { kind: 'forbidden', reason: 'sender URL unparsable' };
  }
  const base = new URL(policy.extensionBase);
  // Not `origin`: for chrome-extension:/moz-extension: URLs some engines report "null".
  if (base.host !== '' && url.protocol === base.protocol && url.host === base.host) return { kind: 'page' };
  const tabId = sender.tab?.id;
  if (typeof tabId !== 'number' || tabId < 0) return { kind: 'forbidden', reason: 'content message not from a tab' };
  // Our content scripts run in the top frame only; a registry page inside a frame is
  // whatever its embedder wants it to be.
  if (sender.frameId !== undefined && sender.frameId !== 0) return { kind: 'forbidden', reason: 'content message from a sub-frame' };
  // The document's origin decides the site. Its load-time URL (sender.url) does not decide the
  // page: npm's client navigates with history.pushState from any page (home, `/~user`,
  // `/org/…`, `/package/x/access`) to a package, and only the tab's URL says which page is shown
  // now. The document's origin cannot change that way, so the tab URL counts only while it
  // keeps that origin.
  if (!siteOf(url)) return { kind: 'forbidden', reason: 'content message from a site we do not serve' };
  const shown = sameOriginUrl(sender.tab?.url, url) ?? url;
  const found = viewOf(shown);
  if (!found) return { kind: 'forbidden', reason: 'content message from a page that is not a registry page we know' };
  return { kind: 'content', tabId, site: found.site, view: found.view, url: shown.href, documentUrl: url.href, incognito: sender.tab?.incognito === true };
}

function sameOriginUrl(candidate: string | undefined, document: URL): URL | undefined {
  if (candidate === undefined) return undefined;
  try {
    const parsed = new URL(candidate);
    return parsed.origin === document.origin ? parsed : undefined;
  } catch {
    return undefined;
  }
}
