// registry.npmjs.org for generated packages: packument (every version, dist-tags, time), version
// documents by version or `latest`, and the attestations endpoint. Anything else goes to the
// real-data handler. Generated names are unscoped, so no scope handling is needed here.
import { decodeSegments, send, sendJson, type HostHandler } from '../server/responses';
import type { LoadedScenarios } from './generated-scenarios';
import type { GeneratedNpmPackage } from './scenario-manifest';

function packument(pkg: GeneratedNpmPackage): unknown {
  const time: Record<string, string> = { created: pkg.versions[0]?.published ?? '', modified: pkg.versions.at(-1)?.published ?? '' };
  for (const v of pkg.versions) time[v.version] = v.published;
  return {
    name: pkg.name,
    description: pkg.description,
    'dist-tags': { latest: pkg.latest },
    versions: Object.fromEntries(pkg.versions.map((v) => [v.version, v.document])),
    time,
  };
}

export function generatedNpmRegistryHandler(loaded: LoadedScenarios, fallback: HostHandler): HostHandler {
  return (ctx) => {
    const segs = decodeSegments(ctx.rawPath);
    if (!segs) return fallback(ctx);
    if (segs[0] === '-') {
      if (segs.length !== 5 || segs[1] !== 'npm' || segs[2] !== 'v1' || segs[3] !== 'attestations') return fallback(ctx);
      const spec = segs[4] ?? '';
      const at = spec.lastIndexOf('@');
      const pkg = at > 0 ? loaded.npm.get(spec.slice(0, at)) : undefined;
      if (!pkg) return fallback(ctx);
      const entry = pkg.versions.find((v) => v.version === spec.slice(at + 1));
      if (!entry?.attestations) return sendJson(ctx.res, 404, { error: 'Not found' });
      return send(ctx.res, 200, 'application/json', loaded.read(entry.attestations));
    }
    const pkg = segs[0] === undefined ? undefined : loaded.npm.get(segs[0]);
    if (!pkg) return fallback(ctx);
    if (segs.length === 1) return sendJson(ctx.res, 200, packument(pkg));
    const which = segs[1] === 'latest' ? pkg.latest : segs[1];
    const entry = pkg.versions.find((v) => v.version === which);
    if (segs.length === 2 && entry) return sendJson(ctx.res, 200, entry.document);
    return sendJson(ctx.res, 404, { error: 'Not found' });
  };
}
