// pypi.org: project and release pages, search, the legacy JSON API, the Simple API's JSON form
// (PEP 691, with PEP 740's per-file `provenance` key) and the Integrity API.
import { readFixture, readFixtureJson } from '../support/fixtures-dir';
import { renderProjectPage, renderPypiNotFound, renderSearchPage } from './pypi-pages';
import { normalizeProjectName, type ProvenanceSource, type PypiProject } from './pypi-scenarios';
import { decodeSegments, send, sendHtml, sendJson, sendNotFound, type HostHandler, type RouteContext } from './responses';

/** A file as the legacy JSON API lists it (shared with the generated test-CA projects). */
export function pypiFileJson(
  file: { filename: string; packagetype: string; sha256: string },
  uploaded: string,
  index: number,
): unknown {
  return {
    filename: file.filename,
    packagetype: file.packagetype,
    digests: { sha256: file.sha256 },
    url: `https://files.pythonhosted.org/packages/authored/${encodeURIComponent(file.filename)}`,
    yanked: false,
    upload_time_iso_8601: uploaded,
    python_version: file.packagetype === 'sdist' ? 'source' : 'py3',
    requires_python: '>=3.9',
    size: 1000 + index,
  };
}

function jsonApi(project: PypiProject, withReleases: boolean): unknown {
  const urls = project.files.map((f, i) => pypiFileJson(f, '2026-01-01T00:00:00.000000Z', i));
  const info = { name: project.name, version: project.version, summary: project.summary };
  return withReleases ? { info, urls, releases: { [project.version]: urls } } : { info, urls };
}

const SIMPLE_JSON = 'application/vnd.pypi.simple.v1+json';
/**
 * Scenarios whose index predates PEP 740 (api-version 1.1, no `provenance` key): the worker must
 * fall back to asking the Integrity API about every file, and pypi-not-verified.spec.ts counts
 * those requests for lens-fixture-none. Every other scenario says per file whether it has one.
 */
const WITHOUT_PROVENANCE_KEY = new Set(['lens-fixture-none']);

/** The Integrity API has (or fails to serve) provenance for these; `missing` is its 404. */
function listsProvenance(source: ProvenanceSource): boolean {
  return source.kind !== 'missing';
}

/** The project's Simple API page in JSON, shaped as warehouse renders it (one release here). */
function simpleIndex(project: PypiProject): unknown {
  const name = normalizeProjectName(project.name);
  const legacy = WITHOUT_PROVENANCE_KEY.has(name);
  const files = project.files.map((f, i) => {
    const integrity = `https://pypi.org/integrity/${[name, project.version, f.filename].map(encodeURIComponent).join('/')}/provenance`;
    return {
      filename: f.filename,
      url: `https://files.pythonhosted.org/packages/authored/${encodeURIComponent(f.filename)}`,
      hashes: { sha256: f.sha256 },
      'requires-python': '>=3.9',
      size: 1000 + i,
      'upload-time': '2026-01-01T00:00:00.000000Z',
      yanked: false,
      'core-metadata': false,
      ...(legacy ? {} : { provenance: listsProvenance(f.provenance) ? integrity : null }),
    };
  });
  return { meta: { 'api-version': legacy ? '1.1' : '1.4', '_last-serial': 1 }, name, versions: [project.version], files };
}

function simple(ctx: RouteContext, project: PypiProject, asked: string): void {
  const name = normalizeProjectName(project.name);
  // Like PyPI: one canonical URL per project (normalized, with the slash); others redirect there.
  if (asked !== name || !ctx.rawPath.endsWith('/')) {
    ctx.res.writeHead(301, { location: `/simple/${encodeURIComponent(name)}/`, 'content-length': 0 });
    return void ctx.res.end();
  }
  // The HTML form is not served: the worker asks for JSON, and a test that gets HTML should see it fail.
  if (!(ctx.req.headers.accept ?? '').includes(SIMPLE_JSON)) return sendJson(ctx.res, 406, { message: 'Request not acceptable' });
  ctx.res.setHeader('access-control-allow-origin', '*');
  send(ctx.res, 200, SIMPLE_JSON, JSON.stringify(simpleIndex(project)));
}

/** Authored wrapper around a bare attestation, shaped like a real Integrity API answer. */
function wrapAttestation(path: string, publisher: unknown): unknown {
  return { version: 1, attestation_bundles: [{ publisher, attestations: [readFixtureJson(path)] }] };
}

function integrity(ctx: RouteContext, project: PypiProject, version: string, filename: string): void {
  const file = version === project.version ? project.files.find((f) => f.filename === filename) : undefined;
  const source = file?.provenance ?? { kind: 'missing' as const };
  switch (source.kind) {
    case 'provenance':
      send(ctx.res, 200, 'application/vnd.pypi.integrity.v1+json', readFixture(source.path));
      return;
    case 'wrap-attestation':
      send(ctx.res, 200, 'application/vnd.pypi.integrity.v1+json', JSON.stringify(wrapAttestation(source.path, source.publisher)));
      return;
    case 'server-error':
      send(ctx.res, 500, 'text/plain; charset=utf-8', 'Internal Server Error (authored fixture)\n');
      return;
    case 'hang':
      ctx.hang();
      return;
    case 'missing':
      sendJson(ctx.res, 404, { message: 'No provenance available' });
  }
}

export function pypiHandler(projects: readonly PypiProject[]): HostHandler {
  const byName = new Map(projects.map((p) => [normalizeProjectName(p.name), p]));
  const find = (name: string | undefined): PypiProject | undefined =>
    name === undefined ? undefined : byName.get(normalizeProjectName(name));

  return (ctx) => {
    const segs = decodeSegments(ctx.rawPath);
    if (!segs) return sendNotFound(ctx.res);
    const [head, name, a, b, c] = segs;
    const trailingSlash = ctx.rawPath.endsWith('/');
    const project = find(name);

    if (head === 'search' && segs.length === 1) {
      const q = (ctx.query.get('q') ?? '').toLowerCase();
      const hits = projects.filter((p) => p.searchable && `${p.name} ${p.summary}`.toLowerCase().includes(q));
      return sendHtml(ctx.res, 200, renderSearchPage(q, hits));
    }
    if (head === 'project' && project && trailingSlash) {
      if (segs.length === 2) return sendHtml(ctx.res, 200, renderProjectPage(project, undefined));
      if (segs.length === 3 && a === project.version) return sendHtml(ctx.res, 200, renderProjectPage(project, a));
    }
    if (head === 'pypi' && project) {
      if (segs.length === 3 && a === 'json') return sendJson(ctx.res, 200, jsonApi(project, true));
      if (segs.length === 4 && a === project.version && b === 'json') return sendJson(ctx.res, 200, jsonApi(project, false));
    }
    if (head === 'simple' && project && name !== undefined && segs.length === 2) return simple(ctx, project, name);
    if (head === 'integrity' && project && segs.length === 5 && a && b && c === 'provenance') {
      return integrity(ctx, project, a, b);
    }
    if (head === 'project' || head === 'search') return sendHtml(ctx.res, 404, renderPypiNotFound());
    return sendNotFound(ctx.res);
  };
}
