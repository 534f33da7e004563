// What the fixture hosts answer with: send helpers that always set a content type, and a tiny
// escaping template for the authored pages (every interpolated value is escaped unless it is
// already an Html fragment, because one scenario puts markup in a package name).
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** Path without the query, still percent-encoded as the browser sent it. */
  rawPath: string;
  query: URLSearchParams;
  /** Keeps the response open forever; closed when the server stops. */
  hang: () => void;
}

export type HostHandler = (ctx: RouteContext) => void;

export function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

export function sendHtml(res: ServerResponse, status: number, body: string): void {
  send(res, status, 'text/html; charset=utf-8', body);
}

export function sendNotFound(res: ServerResponse): void {
  send(res, 404, 'text/plain; charset=utf-8', 'Not Found\n');
}

/** Splits an encoded path into decoded segments; null when the encoding is broken. */
export function decodeSegments(rawPath: string): string[] | null {
  try {
    return rawPath
      .split('/')
      .filter((s) => s.length > 0)
      .map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
}

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

type Part = Html | string | number | readonly Html[];

function render(part: Part): string {
  if (part instanceof Html) return part.text;
  if (Array.isArray(part)) return part.map((p: Html) => p.text).join('');
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0] ?? '';
  parts.forEach((part, i) => {
    out += render(part) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** The wrapper every authored page shares; the comment marks it as synthetic. */
export function authoredDocument(site: string, title: string, head: Html, body: Html): string {
  return html`<!doctype html>
<!-- Authored synthetic page for Provenance Lens e2e tests, modelled on the ${site} DOM landmarks
     in shared/fixtures/pages/LANDMARKS.md. No markup or text is copied from the real site. -->
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title>${head}</head>
<body>${body}</body>
</html>
`.text;
}
