// Fault injection for the worker's Integrity API requests, chosen by project name:
// `lens-fault-<kind>` (optionally `-r<digits>`, so a test can ask for a fresh, uncached package).
// Pages and the JSON API of such a project answer normally (one authored sdist); only
// /integrity/... misbehaves. `lens-fault-429-once` is a generated (signed) project instead, since
// its retry must succeed: scenarios.json marks it with `fault` and the generated routes call here.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pypiHandler } from './pypi-routes';
import type { PypiProject } from './pypi-scenarios';
import { decodeSegments, send, sendJson, type HostHandler, type RouteContext } from './responses';

export const FAULT_KINDS = ['404', '403', '429', '429-once', '500', 'hang', 'reset', 'malformed-json', 'html', 'huge', 'redirect'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

// Longest first, so `429-once` is not read as `429` with a tag.
const FAULT_NAME = new RegExp(`^lens-fault-(${[...FAULT_KINDS].sort((a, b) => b.length - a.length).join('|')})(?:-r\\d+)?$`);

export function faultKindOf(projectName: string): FaultKind | undefined {
  return FAULT_NAME.exec(projectName.toLowerCase())?.[1] as FaultKind | undefined;
}

/** Bytes of the `huge` body: five times the worker's 4 MiB cap, sent in chunks, never buffered. */
export const HUGE_BODY_BYTES = 20 * 1024 * 1024;
const INTEGRITY_TYPE = 'application/vnd.pypi.integrity.v1+json';

export interface FaultOptions {
  /**
   * How long a `hang` is held before the server drops it. Past the worker's 10 s timeout, so the
   * worker still sees no answer, but short enough that a long fault loop cannot pile sockets up.
   */
  hangMs: number;
}

function hugeBody(): Readable {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let sent = 0;
  return new Readable({
    read() {
      if (sent === 0) this.push('{"version":1,"padding":"');
      if (sent >= HUGE_BODY_BYTES) return void this.push(null);
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

export interface FaultInjector {
  /** Answers `ctx` with `kind`'s fault; `serve` is the normal answer (used by 429-once's retry). */
  apply(ctx: RouteContext, kind: FaultKind, serve: () => void): void;
}

export function createFaultInjector(options: FaultOptions): FaultInjector {
  // 429-once: per URL, the next request after a 429 gets the real answer, and vice versa.
  const limited = new Set<string>();
  return {
    apply(ctx, kind, serve) {
      const { res } = ctx;
      switch (kind) {
        case '404':
          return sendJson(res, 404, { message: 'No provenance available' });
        case '403':
          return sendJson(res, 403, { message: 'Provenance disabled (authored fault)' });
        case '429':
          res.setHeader('retry-after', '1');
          return sendJson(res, 429, { message: 'Too many requests (authored fault)' });
        case '429-once':
          if (limited.delete(ctx.rawPath)) return serve();
          limited.add(ctx.rawPath);
          res.setHeader('retry-after', '1');
          return sendJson(res, 429, { message: 'Too many requests (authored fault, once)' });
        case '500':
          return send(res, 500, 'text/plain; charset=utf-8', 'Internal Server Error (authored fault)\n');
        case 'hang': {
          ctx.hang();
          const timer = setTimeout(() => res.destroy(), options.hangMs);
          res.once('close', () => clearTimeout(timer));
          return;
        }
        case 'reset':
          ctx.req.socket.destroy();
          return;
        case 'malformed-json':
          return send(res, 200, INTEGRITY_TYPE, '{"version": 1, "attestation_bundles": [{"publisher": ');
        case 'html':
          return send(res, 200, 'text/html; charset=utf-8', '<!doctype html><title>Maintenance</title><p>Authored fault page</p>');
        case 'huge': {
          res.writeHead(200, { 'content-type': INTEGRITY_TYPE, 'cache-control': 'no-store' });
          const body = hugeBody();
          res.once('close', () => body.destroy());
          body.pipe(res);
          return;
        }
        case 'redirect':
          // Another host the browser resolves to this server: the worker must refuse to follow it.
          res.writeHead(302, { location: 'https://registry.npmjs.org/-/lens-redirect-target', 'content-length': 0 });
          return void res.end();
      }
    },
  };
}

function faultProject(name: string, kind: FaultKind): PypiProject {
  const stem = name.replace(/-/g, '_');
  const sha256 = createHash('sha256').update(`provenance-lens e2e authored fault file ${name}`).digest('hex');
  return {
    name,
    version: '1.0.0',
    summary: `Authored fault fixture: the Integrity API answers with "${kind}"`,
    markup: 'new',
    searchable: false,
    files: [{ filename: `${stem}-1.0.0.tar.gz`, packagetype: 'sdist', sha256, provenance: { kind: 'missing' } }],
  };
}

/** Wraps the pypi.org handler: `lens-fault-*` names (except 429-once) are answered here. */
export function faultingPypiHandler(next: HostHandler, faults: FaultInjector): HostHandler {
  return (ctx) => {
    const segs = decodeSegments(ctx.rawPath);
    const name = segs?.[1];
    const kind = segs && name && ['project', 'pypi', 'integrity'].includes(segs[0] ?? '') ? faultKindOf(name) : undefined;
    if (!segs || !name || !kind || kind === '429-once') return next(ctx);
    const project = faultProject(name, kind);
    if (segs[0] === 'integrity' && segs.length === 5 && segs[4] === 'provenance') {
      return faults.apply(ctx, kind, () => sendJson(ctx.res, 404, { message: 'No provenance available' }));
    }
    return pypiHandler([project])(ctx);
  };
}
