// Our own stand-in for npmjs.com's client (the real one is a closed React app), served to the
// browser as a module by the fixture server. What it reproduces is how that app treats the page:
// - hydration: when the bundle has run (after a download delay the server adds), it walks the
//   server's HTML it owns and, like React 18, reports nodes it did not render ("Hydration failed",
//   through reportError, which surfaces as an uncaught page error) and renders from scratch;
// - links are followed with history.pushState, page data is fetched, and the whole main column,
//   header and h1 included, is replaced by new elements (React re-renders); tab switches use
//   history.replaceState and re-render the tab panel; back/forward re-render on popstate;
// - shortly after hydration, client-side state re-renders the main column once more.
import { mainView, pageTitle, tabList, tabPanel, TABS, type PageContext, type Tab, type VNode } from './views';

const root = document.documentElement;
let context = JSON.parse(document.getElementById('lens-fixture-context')?.textContent ?? '{}') as PageContext;
let navigation = 0;

function toDom(node: VNode): Node {
  if (typeof node === 'string') return document.createTextNode(node);
  const el = document.createElement(node.tag);
  for (const [k, v] of Object.entries(node.attrs)) el.setAttribute(k, v);
  for (const child of node.children) el.append(toDom(child));
  return el;
}

function describe(node: Node): string {
  return node instanceof Element ? `<${node.tagName.toLowerCase()}>` : `#${node.nodeName.replace('#', '')}`;
}

/** Nodes in `dom` that the render `expected` does not account for (React's hydration mismatch). */
function mismatches(dom: Node, expected: VNode, out: string[]): void {
  if (typeof expected === 'string') {
    if (!(dom instanceof Text) || dom.data !== expected) out.push(`${describe(dom)} where text was rendered`);
    return;
  }
  if (!(dom instanceof Element) || dom.tagName.toLowerCase() !== expected.tag) {
    out.push(`${describe(dom)} where <${expected.tag}> was rendered`);
    return;
  }
  const kids = [...dom.childNodes];
  kids.forEach((kid, i) => {
    const want = expected.children[i];
    if (want === undefined) out.push(`unexpected ${describe(kid)} in <${expected.tag}>`);
    else mismatches(kid, want, out);
  });
  if (kids.length < expected.children.length) out.push(`missing children in <${expected.tag}>`);
}

function renderMain(ctx: PageContext): void {
  document.getElementById('main')?.replaceWith(toDom(mainView(ctx)));
  document.title = pageTitle(ctx);
  root.dataset.clientRenders = String(Number(root.dataset.clientRenders ?? '0') + 1);
}

function hydrate(): void {
  const server = document.getElementById('main');
  const found: string[] = [];
  if (server) mismatches(server, mainView(context), found);
  if (found.length > 0) {
    root.dataset.hydrationError = found.join('; ');
    reportError(new Error(`Hydration failed (fixture npm site): ${found.join('; ')}`));
    renderMain(context);
  }
  // Otherwise the server's nodes are adopted as they are.
  root.dataset.hydrated = 'true';
}

function switchTab(tab: Tab): void {
  if (context.kind !== 'package') return;
  context = { ...context, tab };
  document.querySelector('#top [role="tablist"]')?.replaceWith(toDom(tabList(tab)));
  document.querySelector('#top [role="tabpanel"]')?.replaceWith(toDom(tabPanel(context.pkg, tab, context.related)));
}

async function show(url: URL): Promise<void> {
  const mine = ++navigation;
  // A progress bar appears at once; the page itself changes when its data has arrived.
  const bar = Object.assign(document.createElement('div'), { id: 'fixture-progress' });
  bar.setAttribute('role', 'progressbar');
  document.body.append(bar);
  try {
    const res = await fetch(url, { headers: { accept: 'application/json' } });
    const next = (await res.json()) as PageContext;
    if (mine !== navigation) return;
    context = next;
    renderMain(next);
    window.scrollTo(0, 0);
  } finally {
    bar.remove();
  }
}

function sameTabPage(url: URL): Tab | null {
  if (context.kind !== 'package' || url.pathname !== location.pathname) return null;
  const tab = url.searchParams.get('activeTab');
  return TABS.find((t) => t === tab) ?? null;
}

function follow(url: URL): void {
  const tab = sameTabPage(url);
  if (tab !== null) {
    history.replaceState(null, '', url);
    switchTab(tab);
    return;
  }
  history.pushState(null, '', url);
  void show(url);
}

document.addEventListener('click', (event) => {
  const a = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!a || root.dataset.hydrated !== 'true' || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const url = new URL(a.getAttribute('href') ?? '', location.href);
  if (url.origin !== location.origin) return;
  event.preventDefault();
  follow(url);
});

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.getAttribute('action') !== '/search' || root.dataset.hydrated !== 'true') return;
  event.preventDefault();
  const url = new URL('/search', location.href);
  url.searchParams.set('q', String(new FormData(form).get('q') ?? ''));
  follow(url);
});

window.addEventListener('popstate', () => void show(new URL(location.href)));

hydrate();
// Client-only state (think relative dates) arrives after hydration and re-renders the column.
setTimeout(() => {
  if (navigation === 0) renderMain(context);
}, 50);
