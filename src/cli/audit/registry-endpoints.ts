// Where the audit's registry requests go. The registry clients build every URL on the public
// origins (the extension's manifest allows only those); the CLI's fetcher maps those origins
// onto the bases named by PROVENANCE_LENS_NPM_REGISTRY_URL / PROVENANCE_LENS_PYPI_URL, and
// refuses any other origin. So the registry code stays unchanged for the extension, and no
// URL a lockfile or a registry response names can send a request anywhere else.
import { usageError } from '../cli-error';
import { NPM_REGISTRY_ORIGIN } from '../../registries/npm/hosts';
import { PYPI_ORIGIN } from '../../registries/pypi/hosts';
import type { Fetcher } from '../../registries/fetcher';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface RegistryBases {
  npm: URL;
  pypi: URL;
}

function baseFrom(raw: string | undefined, fallback: string, variable: string): URL {
  if (raw === undefined || raw === '') return new URL(`${fallback}/`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usageError(`${variable} is not a URL`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw usageError(`${variable} must be https (plain http only for a loopback address)`);
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw usageError(`${variable} must not carry credentials, a query or a fragment`);
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

export function registryBases(env: NodeJS.ProcessEnv = process.env): RegistryBases {
  return {
    npm: baseFrom(env.PROVENANCE_LENS_NPM_REGISTRY_URL, NPM_REGISTRY_ORIGIN, 'PROVENANCE_LENS_NPM_REGISTRY_URL'),
    pypi: baseFrom(env.PROVENANCE_LENS_PYPI_URL, PYPI_ORIGIN, 'PROVENANCE_LENS_PYPI_URL'),
  };
}

/** The request URL on the configured base, or null for an origin that is no registry of ours. */
export function mapToBase(url: URL, bases: RegistryBases): URL | null {
  const base = url.origin === NPM_REGISTRY_ORIGIN ? bases.npm : url.origin === PYPI_ORIGIN ? bases.pypi : undefined;
  if (base === undefined) return null;
  const target = new URL(base.href);
  // The path is already percent-encoded by the client (npm's `@scope%2fname` must stay so).
  target.pathname = `${base.pathname}${url.pathname.slice(1)}`;
  target.search = url.search;
  return target;
}

export function fetcherOnBases(inner: Fetcher, bases: RegistryBases): Fetcher {
  return (url, init) => {
    const target = mapToBase(url, bases);
    if (target === null) return Promise.resolve({ ok: false, code: 'FETCH_REDIRECT', message: `refused: ${url.origin} is not a registry` });
    return inner(target, init);
  };
}

/** --offline: nothing leaves the machine; whatever the cache lacks is "couldn't check". */
export const offlineFetcher: Fetcher = () => Promise.resolve({ ok: false, code: 'FETCH_NETWORK', message: 'offline: not in the audit cache' });
