// Registry URLs are built from path segments that came from a page or a registry, so each
// segment is percent-encoded and `.`/`..` are refused: the URL parser would otherwise
// resolve them and move the request to another endpoint of the same host.

/** An already-encoded segment, for the rare registry-specific spelling (npm's `@scope%2fname`). */
export class RawSegment {
  constructor(readonly encoded: string) {}
}

export function apiUrl(origin: string, segments: readonly (string | RawSegment)[]): URL {
  const parts = segments.map((s) => {
    const encoded = s instanceof RawSegment ? s.encoded : encodeURIComponent(s);
    if (encoded === '' || /^(\.|%2e){1,2}$/i.test(encoded)) throw new RangeError('unsafe URL path segment');
    return encoded;
  });
  const url = new URL(`/${parts.join('/')}`, origin);
  // Defence in depth: whatever the segments were, the request stays on the registry origin.
  if (url.origin !== new URL(origin).origin) throw new RangeError('URL left the registry origin');
  return url;
}
