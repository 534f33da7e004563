// The TUF client's fetch: the project's limited fetch (time limit, size cap, no redirect off the
// repository's origin, no cookies or referrer) answering raw bytes, which the TUF client checks
// against signatures and hashes. Used by the worker and, under Node, by the CLI.
import type { TufFetch } from '../../core/trust-tuf';
import { TufRefreshError } from '../../core/trust-tuf';
import { createLimitedBytesFetcher, type BytesOutcome } from '../fetch-limited';
import type { FetchInit } from '../../registries/fetcher';

type BytesFetcher = (url: URL, init: FetchInit) => Promise<BytesOutcome>;

export function tufFetchOver(fetchBytes: BytesFetcher = createLimitedBytesFetcher({ maxRetries: 1 })): TufFetch {
  return async (url, maxBytes) => {
    const result = await fetchBytes(url, { accept: 'application/json, application/octet-stream;q=0.9', maxBytes });
    if (result.ok) return result.bytes;
    // TUF reads "no such version" from a 403 or 404: the end of the root chain.
    if (result.code === 'FETCH_NOT_FOUND' || result.code === 'FETCH_FORBIDDEN') return null;
    if (result.code === 'FETCH_TOO_LARGE') throw new TufRefreshError('TUF_TOO_LARGE', result.message);
    if (result.code === 'FETCH_TIMEOUT') throw new TufRefreshError('TUF_TIMEOUT', result.message);
    throw new TufRefreshError('TUF_FETCH', `${url.pathname}: ${result.message}`);
  };
}
