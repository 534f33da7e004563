// What the real registries say about caching their API answers, for a fixture server that should
// behave as they do in the browser's HTTP cache (the benchmarks' "registryCaching" world). Read in
// pypi/warehouse's views: the JSON API (legacy/api/json.py) sends cache_control(15 * 60), the
// Integrity API (api/integrity.py) cache_control(10 * 60), also on its "no provenance" 404, and
// the Simple API's project page (api/simple.py) cache_control(10 * 60); WebOb writes these as
// "max-age=N, public". npm's registry sends packuments with "public, max-age=300" (cnpmcore
// copies that default from registry.npmjs.org); its version documents (/<name>/<version>,
// /<name>/latest) are taken to say the same, which was not checked against the live registry.
// npm's attestations endpoint is not known here, so it stays uncached (no-store), as everything else.
import type { ServerResponse } from 'node:http';

/** The Cache-Control the real registry sends for this answer, or undefined (keep the fixture's no-store). */
export function registryCacheControl(host: string, rawPath: string, status: number): string | undefined {
  if (host === 'pypi.org') {
    if (status === 200 && /^\/pypi\/[^/]+(\/[^/]+)?\/json\/?$/.test(rawPath)) return 'max-age=900, public';
    if ((status === 200 || status === 404) && rawPath.startsWith('/integrity/')) return 'max-age=600, public';
    if (status === 200 && rawPath.startsWith('/simple/')) return 'max-age=600, public';
    return undefined;
  }
  if (host === 'registry.npmjs.org' && status === 200 && !rawPath.startsWith('/-/')) return 'public, max-age=300';
  return undefined;
}

/** Makes `res` carry the real registry's Cache-Control for its answer, whatever the handler set. */
export function answerAsRegistryCaches(res: ServerResponse, host: string, rawPath: string): void {
  const writeHead = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const cacheControl = registryCacheControl(host, rawPath, status);
    if (cacheControl !== undefined) {
      const headers = rest.find((r): r is Record<string, unknown> => typeof r === 'object' && r !== null && !Array.isArray(r));
      if (headers) {
        for (const key of Object.keys(headers)) if (key.toLowerCase() === 'cache-control') delete headers[key];
        headers['cache-control'] = cacheControl;
      } else {
        res.setHeader('cache-control', cacheControl);
      }
    }
    return writeHead(status, ...rest);
  }) as ServerResponse['writeHead'];
}
