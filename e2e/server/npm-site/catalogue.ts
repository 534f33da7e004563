// What the fixture npm site shows at a URL (server side): the page context its views render,
// and the status the real site would answer with (404 for an unknown package or version).
import { decodeSegments } from '../responses';
import { FIXTURE_USER, TABS, type PackageDetail, type PackageSummary, type PageContext, type Tab } from './views';

export interface SitePackage {
  name: string;
  description: string;
  latest: string;
  versions: { version: string; published: string }[];
}

export interface SitePage {
  status: number;
  context: PageContext;
}

const NOT_FOUND: SitePage = { status: 404, context: { kind: 'not-found' } };

function summary(p: SitePackage): PackageSummary {
  return { name: p.name, version: p.latest, description: p.description };
}

/** `@scope/name` from one segment (`@scope%2Fname` decodes to it) or from two. */
function splitName(segs: string[]): { name: string; rest: string[] } | null {
  const [first, second, ...more] = segs;
  if (first === undefined) return null;
  if (!first.startsWith('@') || first.includes('/')) return { name: first, rest: segs.slice(1) };
  if (second === undefined) return null;
  return { name: `${first}/${second}`, rest: more };
}

function activeTab(query: URLSearchParams): Tab {
  const asked = query.get('activeTab');
  return TABS.find((t) => t === asked) ?? 'readme';
}

function packagePage(segs: string[], query: URLSearchParams, packages: readonly SitePackage[]): SitePage {
  const split = splitName(segs);
  const pkg = split && packages.find((p) => p.name === split.name);
  if (!split || !pkg) return NOT_FOUND;
  if (split.rest.length === 1 && split.rest[0] === 'access') return { status: 200, context: { kind: 'access', name: pkg.name } };
  let version = pkg.latest;
  if (split.rest.length > 0) {
    const [v, wanted] = split.rest;
    if (split.rest.length !== 2 || v !== 'v' || !pkg.versions.some((r) => r.version === wanted)) return NOT_FOUND;
    version = wanted as string;
  }
  const detail: PackageDetail = { ...summary(pkg), version, latest: pkg.latest, versions: pkg.versions };
  const related = packages.filter((p) => p.name !== pkg.name).map(summary);
  return { status: 200, context: { kind: 'package', pkg: detail, tab: activeTab(query), related } };
}

/** `rawPath` still percent-encoded, as the browser sent it. */
export function sitePage(rawPath: string, query: URLSearchParams, packages: readonly SitePackage[]): SitePage {
  const segs = decodeSegments(rawPath);
  if (!segs) return NOT_FOUND;
  const [first, ...rest] = segs;
  if (first === undefined) return { status: 200, context: { kind: 'home', popular: packages.slice(0, 4).map(summary) } };
  if (first === 'search' && rest.length === 0) {
    const q = query.get('q') ?? '';
    const hits = packages.filter((p) => `${p.name} ${p.description}`.toLowerCase().includes(q.toLowerCase()));
    return { status: 200, context: { kind: 'search', query: q, results: hits.map(summary) } };
  }
  if (first === `~${FIXTURE_USER}` && rest.length === 0) {
    return { status: 200, context: { kind: 'user', user: FIXTURE_USER, packages: packages.map(summary) } };
  }
  if (first === 'org' && rest.length === 1) {
    const members = packages.filter((p) => p.name.startsWith(`@${rest[0]}/`));
    return members.length === 0 ? NOT_FOUND : { status: 200, context: { kind: 'org', org: rest[0] as string, packages: members.map(summary) } };
  }
  if (first === 'package') return packagePage(rest, query, packages);
  return NOT_FOUND;
}
