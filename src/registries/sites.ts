// The registry websites the content scripts run on, with the path grammar of each. The
// worker's router uses this table to decide what a content-script sender may ask about.
import type { Registry } from '../core/verdict';
import { parseNpmPath, parsePypiPath, type PageView } from '../shared/page-path';
import { NPM_SITE_ORIGIN } from './npm/hosts';
import { PYPI_ORIGIN } from './pypi/hosts';

export interface RegistrySite {
  registry: Registry;
  origin: string;
  parsePath(pathname: string, search: string): PageView | null;
}

export const REGISTRY_SITES: readonly RegistrySite[] = [
  { registry: 'pypi', origin: PYPI_ORIGIN, parsePath: parsePypiPath },
  { registry: 'npm', origin: NPM_SITE_ORIGIN, parsePath: parseNpmPath },
];

/** The site a page URL belongs to; exact origin match (scheme, host and port). */
export function siteOf(url: URL): RegistrySite | undefined {
  return REGISTRY_SITES.find((s) => s.origin === url.origin);
}

/** What the page at `url` shows, or null when it is not a registry page we know. */
export function viewOf(url: URL): { site: RegistrySite; view: PageView } | null {
  const site = siteOf(url);
  const view = site?.parsePath(url.pathname, url.search);
  return site && view ? { site, view } : null;
}
