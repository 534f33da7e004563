// The two npm hosts. registry.npmjs.org: packuments (every release, dist-tags, publish times),
// version documents (by version or dist-tag) and the attestations endpoint, accepting scoped
// names as `@scope/name` and `@scope%2fname`. www.npmjs.com: the fixture site in npm-site/.
import { readFixture } from '../support/fixtures-dir';
import type { SitePackage } from './npm-site/catalogue';
import { npmSiteHandler as siteHandler } from './npm-site/site-handler';
import { NPM_PACKAGES, findNpmPackage, findRelease, versionDocument, type NpmPackage } from './npm-scenarios';
import { decodeSegments, send, sendJson, type HostHandler } from './responses';

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
  const listed = pkg.releases.filter((r) => !r.unlisted);
  const versions = Object.fromEntries(listed.map((r) => [r.version, versionDocument(pkg, r)]));
  const time = Object.fromEntries(listed.map((r) => [r.version, r.published]));
  return { name: pkg.name, description: pkg.description, 'dist-tags': { latest: pkg.latest }, versions, time };
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
      const release = pkg && findRelease(pkg, spec.slice(at + 1));
      if (!release?.attestationsPath || spec.slice(at + 1) === 'latest') return notFound(ctx.res);
      return send(ctx.res, 200, 'application/json', readFixture(release.attestationsPath));
    }

    const split = splitName(segs);
    const pkg = split ? findNpmPackage(split.name) : undefined;
    if (!split || !pkg) return notFound(ctx.res);
    if (split.rest.length === 0) return sendJson(ctx.res, 200, packument(pkg));
    const release = split.rest.length === 1 ? findRelease(pkg, split.rest[0] as string) : undefined;
    return release ? sendJson(ctx.res, 200, versionDocument(pkg, release)) : notFound(ctx.res);
  };
}

export type { SitePackage };

/** `extra`: generated packages the site lists as well (scripts/e2e-prepare.ts). */
export function npmSiteHandler(extra: readonly SitePackage[] = []): HostHandler {
  const real = NPM_PACKAGES.map((p) => ({
    name: p.name,
    description: p.description,
    latest: p.latest,
    versions: p.releases.map(({ version, published }) => ({ version, published })),
  }));
  return siteHandler([...real, ...extra]);
}
