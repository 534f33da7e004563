// www.npmjs.com as the fixture server plays it: every page is rendered on the server from the
// same views the client uses (views.ts), with its page context embedded for hydration; the
// client's data requests (same URL, `accept: application/json`) get that context as JSON; the
// client modules are served transpiled from TypeScript. The bundle is answered after a delay, as a
// large bundle arrives after the HTML, so content scripts meet the page before it has hydrated.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { authoredDocument, escapeHtml, Html, html, send, sendHtml, sendJson, type HostHandler } from '../responses';
import { sitePage, type SitePackage } from './catalogue';
import { appView, pageTitle, type VNode } from './views';

const HERE = dirname(fileURLToPath(import.meta.url));

/** How long the app bundle takes to arrive; hydration happens when it has run. */
export const BUNDLE_DELAY_MS = 300;

function transpiled(file: string): string {
  const source = readFileSync(join(HERE, file), 'utf8');
  return ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
}

/** Server rendering: the same tree the client builds, with no whitespace between nodes. */
export function toHtml(node: VNode): string {
  if (typeof node === 'string') return escapeHtml(node);
  const attrs = Object.entries(node.attrs).map(([k, v]) => ` ${k}="${escapeHtml(v)}"`).join('');
  return `<${node.tag}${attrs}>${node.children.map(toHtml).join('')}</${node.tag}>`;
}

function documentFor(context: Parameters<typeof appView>[0]): string {
  // `<` escaped so the JSON can never close its script element.
  const json = JSON.stringify(context).replace(/</g, '\\u003c');
  const body = html`${new Html(toHtml(appView(context)))}<script id="lens-fixture-context" type="application/json">${new Html(json)}</script><script type="module" async src="/static/app.js"></script>`;
  return authoredDocument('npmjs.com', pageTitle(context), html``, body);
}

function wantsJson(accept: string | undefined): boolean {
  return (accept ?? '').split(',')[0]?.trim() === 'application/json';
}

/** `packages`: what the site lists (real-data packages, plus generated ones in test-CA runs). */
export function npmSiteHandler(packages: readonly SitePackage[]): HostHandler {
  const modules = { '/static/app.js': transpiled('client.ts'), '/static/views': transpiled('views.ts') };
  return (ctx) => {
    const module = modules[ctx.rawPath as keyof typeof modules];
    if (module !== undefined) {
      const answer = () => {
        if (!ctx.res.destroyed) send(ctx.res, 200, 'text/javascript; charset=utf-8', module);
      };
      if (ctx.rawPath === '/static/app.js') setTimeout(answer, BUNDLE_DELAY_MS);
      else answer();
      return;
    }
    const page = sitePage(ctx.rawPath, ctx.query, packages);
    if (wantsJson(ctx.req.headers.accept)) return sendJson(ctx.res, page.status, page.context);
    return sendHtml(ctx.res, page.status, documentFor(page.context));
  };
}
