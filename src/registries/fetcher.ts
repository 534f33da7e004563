// The one network seam of the registry adapters. The worker passes a real implementation
// (background/fetch-limited.ts); tests pass fakes. Adapters never see a Response object, so
// every limit (size, time, redirects, content type) is enforced in one place.
import type { ErrorCode } from '../core/errors';

export interface FetchInit {
  /** Sent as the Accept header; the response must still be JSON. */
  accept: string;
  /** Larger bodies fail with FETCH_TOO_LARGE before they are parsed. */
  maxBytes: number;
  /** A request nobody wants any more (a timeline whose popup closed): not sent, or torn down. */
  signal?: AbortSignal;
  /**
   * Past any cache: the browser's HTTP cache must ask the registry (a conditional request), as a
   * retry, or a page listing a file the last answer did not, must see what the registry says now.
   */
  revalidate?: boolean;
  /**
   * The document that names a release and its files (PyPI's release JSON, npm's version document):
   * how long it stays fresh is how long a verdict from it may be reused (answer-freshness.ts). A
   * file's provenance is kept by the file's digest, so its own freshness does not matter.
   */
  namesRelease?: boolean;
  /**
   * A file's provenance (PyPI's Integrity API, npm's attestations): once verified, its verdict is
   * kept by the file's digest, so the browser's HTTP cache is not asked to keep the document as
   * well. Writing 132 of them to the disk cache was about a third of the browser's network
   * process CPU on a cold 20-result search page.
   */
  keptByDigest?: boolean;
  /**
   * Asked once, never again after a 429 or 5xx: a request whose failure only means less help (the
   * Simple API's hints asked beside a release's JSON, pypi/release.ts). A registry in trouble is
   * not asked twice as much for it.
   */
  once?: boolean;
}

export type FetchOutcome =
  /** `freshForMs`: how much longer the registry's Cache-Control lets this answer be reused (http-freshness.ts). */
  | { ok: true; status: number; json: unknown; freshForMs?: number }
  /** `code` is a FETCH_ or PARSE_ code; 404 is FETCH_NOT_FOUND and 403 FETCH_FORBIDDEN. */
  | { ok: false; status?: number; code: ErrorCode; message: string };

export type Fetcher = (url: URL, init: FetchInit) => Promise<FetchOutcome>;

/** Registry JSON documents we read are far below this; a provenance object is ~10 KiB. */
export const JSON_MAX_BYTES = 4 * 1024 * 1024;

export const ACCEPT_JSON = 'application/json';
