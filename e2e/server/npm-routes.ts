// The two npm hosts. registry.npmjs.org: packuments, version documents (by version or dist-tag)
// and the attestations endpoint, accepting scoped names as `@scope/name` and `@scope%2fname`.
// www.npmjs.com: one authored shell for every package and search URL; the client script renders
// the view from the URL, as the real single-page app does.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFixture } from '../support/fixtures-dir';
import { NPM_PACKAGES, findNpmPackage, versionDocument, type NpmPackage } from './npm-scenarios';
import { Html, authoredDocument, decodeSegments, html, send, sendHtml, sendJson, sendNotFound, type HostHandler } from './responses';

function notFound(res: Parameters<HostHandler>[0]['res']): void {
  sendJson(res, 404, { error: 'Not found' });
}

/** `[name, rest...]` from decoded segments, joining a scope with its package name. */
function splitName(segs: string[]): { name: string; rest: string[] } | null {
  const [first, second, ...more] = segs;
  if (!first) return null;
  if (first.startsWith('@')) {
    if (first.includes('/')) return { name: first, rest: second === undefined ? more : [second, ...more] };
    if (!second) return null;
    return { name: `${first}/${second}`, rest: more };
  }
  return { name: first, rest: second === undefined ? more : [second, ...more] };
}

function packument(pkg: NpmPackage): unknown {
  const doc = versionDocument(pkg);
  return { name: pkg.name, 'dist-tags': { latest: pkg.version }, versions: { [pkg.version]: doc } };
}

export function npmRegistryHandler(): HostHandler {
  return (ctx) => {
    const segs = decodeSegments(ctx.rawPath);
    if (!segs) return notFound(ctx.res);

    if (segs[0] === '-') {
      // /-/npm/v1/attestations/<name>@<version>
      if (segs.length < 5 || segs[1] !== 'npm' || segs[2] !== 'v1' || segs[3] !== 'attestations') return notFound(ctx.res);
      const spec = segs.slice(4).join('/');
      const at = spec.lastIndexOf('@');
      const pkg = at > 0 ? findNpmPackage(spec.slice(0, at)) : undefined;
      if (!pkg || spec.slice(at + 1) !== pkg.version || !pkg.attestationsPath) return notFound(ctx.res);
      return send(ctx.res, 200, 'application/json', readFixture(pkg.attestationsPath));
    }

    const split = splitName(segs);
    const pkg = split ? findNpmPackage(split.name) : undefined;
    if (!split || !pkg) return notFound(ctx.res);
    if (split.rest.length === 0) return sendJson(ctx.res, 200, packument(pkg));
    const [which] = split.rest;
    if (split.rest.length === 1 && (which === 'latest' || which === pkg.version)) {
      return sendJson(ctx.res, 200, versionDocument(pkg));
    }
    return notFound(ctx.res);
  };
}

const CLIENT_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'npm-spa-client.js');

export interface SitePackage {
  name: string;
  version: string;
  description: string;
}

function shell(extra: readonly SitePackage[]): string {
  const packages = [...NPM_PACKAGES.map(({ name, version, description }) => ({ name, version, description })), ...extra];
  // `<` escaped so the JSON can never close its script element.
  const json = JSON.stringify({ packages }).replace(/</g, '\\u003c');
  const head = html`<script id="lens-fixture-data" type="application/json">${new Html(json)}</script>`;
  const body = html`<header><a href="/">npm</a><form action="/search"><input name="q" aria-label="Search packages"></form></header>
<main></main><script src="/static/app.js"></script>`;
  return authoredDocument('npmjs.com', 'npm', head, body);
}

function knownPackagePath(segs: string[], extra: readonly SitePackage[]): boolean {
  const rest = segs.slice(1);
  const name = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : rest[0];
  return name !== undefined && (findNpmPackage(name) !== undefined || extra.some((p) => p.name === name));
}

/** `extra`: generated packages the site knows as well (scripts/e2e-prepare.ts). */
export function npmSiteHandler(extra: readonly SitePackage[] = []): HostHandler {
  return (ctx) => {
    const segs = decodeSegments(ctx.rawPath);
    if (!segs) return sendNotFound(ctx.res);
    if (ctx.rawPath === '/static/app.js') {
      return send(ctx.res, 200, 'text/javascript; charset=utf-8', readFileSync(CLIENT_SCRIPT));
    }
    if (segs[0] === 'search' && segs.length === 1) return sendHtml(ctx.res, 200, shell(extra));
    if (segs[0] === 'package' && knownPackagePath(segs, extra)) return sendHtml(ctx.res, 200, shell(extra));
    return sendNotFound(ctx.res);
  };
}
