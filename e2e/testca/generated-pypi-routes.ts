// pypi.org for generated projects: project and release pages, the JSON API (project document
// with every release, release documents), the Integrity API and the configured search pages.
// Anything else goes to the real-data handler.
import { renderProjectPage, renderSearchPage } from '../server/pypi-pages';
import { pypiFileJson } from '../server/pypi-routes';
import { normalizeProjectName, type PypiProject } from '../server/pypi-scenarios';
import type { FaultInjector, FaultKind } from '../server/fault-routes';
import { decodeSegments, send, sendHtml, sendJson, type HostHandler, type RouteContext } from '../server/responses';
import type { LoadedScenarios } from './generated-scenarios';
import type { GeneratedPypiFile, GeneratedPypiProject, GeneratedPypiRelease } from './scenario-manifest';


function releaseFiles(release: GeneratedPypiRelease): unknown[] {
  return release.files.map((f, i) => pypiFileJson(f, release.uploaded, i));
}

function projectJson(project: GeneratedPypiProject, release: GeneratedPypiRelease, withReleases: boolean): unknown {
  const info = { name: project.name, version: release.version, summary: project.summary };
  if (!withReleases) return { info, urls: releaseFiles(release) };
  const releases = Object.fromEntries(project.releases.map((r) => [r.version, releaseFiles(r)]));
  return { info, urls: releaseFiles(release), releases };
}

/** The shape the authored page templates render. */
export function asPageProject(project: GeneratedPypiProject, release: GeneratedPypiRelease): PypiProject {
  return {
    name: project.name,
    version: release.version,
    summary: project.summary,
    markup: project.markup,
    searchable: true,
    files: release.files.map((f) => ({
      filename: f.filename,
      packagetype: f.packagetype,
      sha256: f.sha256,
      provenance: f.provenance ? { kind: 'provenance' as const, path: f.provenance } : { kind: 'missing' as const },
    })),
  };
}

function integrity(ctx: RouteContext, loaded: LoadedScenarios, project: GeneratedPypiProject, file: GeneratedPypiFile | undefined, faults: FaultInjector): void {
  const serve = (): void => {
    if (!file?.provenance) return sendJson(ctx.res, 404, { message: 'No provenance available' });
    send(ctx.res, 200, 'application/vnd.pypi.integrity.v1+json', loaded.read(file.provenance));
  };
  if (project.fault && file) return faults.apply(ctx, project.fault as FaultKind, serve);
  serve();
}

export function generatedPypiHandler(loaded: LoadedScenarios, fallback: HostHandler, faults: FaultInjector): HostHandler {
  const latestOf = (p: GeneratedPypiProject) => p.releases.find((r) => r.version === p.latest) ?? p.releases.at(-1);
  return (ctx) => {
    const segs = decodeSegments(ctx.rawPath);
    if (!segs) return fallback(ctx);
    const [head, name, a, b, c] = segs;

    if (head === 'search' && segs.length === 1) {
      const q = (ctx.query.get('q') ?? '').toLowerCase();
      const listed = loaded.manifest.pypiSearches[q];
      if (!listed) return fallback(ctx);
      const hits = listed.flatMap((n) => {
        const p = loaded.pypi.get(normalizeProjectName(n));
        const r = p && latestOf(p);
        return p && r ? [asPageProject(p, r)] : [];
      });
      return sendHtml(ctx.res, 200, renderSearchPage(q, hits));
    }

    const project = name === undefined ? undefined : loaded.pypi.get(normalizeProjectName(name));
    if (!project) return fallback(ctx);
    const latest = latestOf(project);
    const release = (v: string | undefined) => project.releases.find((r) => r.version === v);

    if (head === 'project' && ctx.rawPath.endsWith('/') && latest) {
      if (segs.length === 2) return sendHtml(ctx.res, 200, renderProjectPage(asPageProject(project, latest), undefined));
      const r = release(a);
      if (segs.length === 3 && r) return sendHtml(ctx.res, 200, renderProjectPage(asPageProject(project, r), a));
    }
    if (head === 'pypi' && latest) {
      if (segs.length === 3 && a === 'json') return sendJson(ctx.res, 200, projectJson(project, latest, true));
      const r = release(a);
      if (segs.length === 4 && r && b === 'json') return sendJson(ctx.res, 200, projectJson(project, r, false));
    }
    if (head === 'integrity' && segs.length === 5 && c === 'provenance') {
      return integrity(ctx, loaded, project, release(a)?.files.find((f) => f.filename === b), faults);
    }
    return fallback(ctx);
  };
}
