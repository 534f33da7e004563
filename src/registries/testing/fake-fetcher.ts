// Test double for the Fetcher seam: serves JSON by exact URL and records every request.
import type { FetchOutcome, Fetcher } from '../fetcher';

export type FakeRoute = unknown | { status: number };

export interface FakeFetcher extends Fetcher {
  /** `keptByDigest` only where the adapter set it (provenance documents). */
  requests: { url: string; accept: string; keptByDigest?: true }[];
}

/** Routes map `url.href` to a JSON body, or to `{status}` for an HTTP error. Unknown URLs 404. */
export function fakeFetcher(routes: Record<string, FakeRoute>): FakeFetcher {
  const requests: FakeFetcher['requests'] = [];
  const fetcher = async (url: URL, init: { accept: string; keptByDigest?: boolean }): Promise<FetchOutcome> => {
    requests.push({ url: url.href, accept: init.accept, ...(init.keptByDigest === true ? { keptByDigest: true as const } : {}) });
    const route = routes[url.href];
    if (route === undefined) return { ok: false, status: 404, code: 'FETCH_NOT_FOUND', message: 'HTTP 404' };
    if (typeof route === 'object' && route !== null && 'status' in route && typeof route.status === 'number') {
      const status = route.status;
      const code = status === 403 ? 'FETCH_FORBIDDEN' : status === 0 ? 'FETCH_NETWORK' : 'FETCH_HTTP_STATUS';
      return { ok: false, status, code, message: `HTTP ${status}` };
    }
    return { ok: true, status: 200, json: structuredClone(route) };
  };
  return Object.assign(fetcher, { requests });
}
