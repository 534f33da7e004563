// How much longer a registry's answer may be reused, by the registry's own word (RFC 9111 4.2):
// its Cache-Control max-age less the answer's age. The browser's HTTP cache reuses an answer
// that long anyway (PyPI's JSON API says 15 minutes, its Integrity API 10, npm's packuments 5),
// so a verdict decided from such answers may be reused as long, and no longer, without asking
// again. Headers are the registry's bytes: anything odd means "not fresh", and no registry is
// believed beyond MAX_FRESH_MS, the longest the public registries declare.

export const MAX_FRESH_MS = 15 * 60_000;

interface HeaderReader {
  get(name: string): string | null;
}

/** Seconds as RFC 9111's delta-seconds (digits only), or undefined. */
function deltaSeconds(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,10}$/.test(text)) return undefined;
  return Number(text);
}

/**
 * The Age header in seconds: the first member of a list (each cache on the way may add its own,
 * RFC 9111 5.1), any size (beyond 2^31 it is 2^31, RFC 9111 1.2.2: stale); 0 when malformed, which
 * leaves the Date header to tell the age.
 */
function ageSeconds(value: string | null): number {
  const first = (value ?? '').split(',')[0]?.trim() ?? '';
  if (!/^\d+$/.test(first)) return 0;
  return first.length > 10 ? 2 ** 31 : Math.min(Number(first), 2 ** 31);
}

/** max-age in seconds; undefined when absent, repeated, malformed, or overruled by no-store / no-cache. */
function maxAgeSeconds(cacheControl: string): number | undefined {
  let maxAge: number | undefined;
  let seen = 0;
  for (const part of cacheControl.split(',')) {
    const [rawName = '', ...rest] = part.split('=');
    const name = rawName.trim().toLowerCase();
    if (name === 'no-store' || name === 'no-cache') return undefined;
    if (name !== 'max-age') continue;
    seen++;
    maxAge = deltaSeconds(rest.join('=').trim().replace(/^"(.*)"$/, '$1'));
  }
  // Two max-age directives contradict each other: RFC 9111 says treat the answer as stale.
  return seen === 1 ? maxAge : undefined;
}

/**
 * Milliseconds the answer stays fresh from `now` (0 when it is stale or says nothing). Its age is
 * its Age header plus the time since its Date header (RFC 9111 4.2.3 adds the time since the
 * answer arrived to the age it arrived with; a copy from the browser's own cache does not say
 * when it arrived, and the CDNs in front of the registries stamp Date as they send). Where Date
 * was stamped by the origin instead, this counts the time in the CDN twice: staler, never fresher.
 */
export function freshForMs(headers: HeaderReader, now: number): number {
  const maxAge = maxAgeSeconds(headers.get('cache-control') ?? '');
  if (maxAge === undefined) return 0;
  const ageHeader = ageSeconds(headers.get('age'));
  const date = Date.parse(headers.get('date') ?? '');
  const sinceDate = Number.isFinite(date) ? Math.max(0, now - date) : 0;
  const ageMs = ageHeader * 1000 + sinceDate;
  return Math.max(0, Math.min(maxAge * 1000 - ageMs, MAX_FRESH_MS));
}
