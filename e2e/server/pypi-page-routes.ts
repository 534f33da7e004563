// pypi.org page routing in front of pypi-routes.ts: another spelling of a project name answers
// 301 to the normalised one, as pypi.org does, and `?lens-ui=redesign` (ours, not pypi.org's)
// serves the redesign-branch variant of a project page.
import { renderRedesignPage } from './pypi-redesign-page';
import { normalizeProjectName, type PypiProject } from './pypi-scenarios';
import { decodeSegments, sendHtml, type HostHandler } from './responses';

export function pypiPageRoutes(projects: readonly PypiProject[], next: HostHandler): HostHandler {
  const byName = new Map(projects.map((p) => [normalizeProjectName(p.name), p]));
  return (ctx) => {
    const segs = decodeSegments(ctx.rawPath);
    const [head, name, version] = segs ?? [];
    const project = head === 'project' && name !== undefined ? byName.get(normalizeProjectName(name)) : undefined;
    if (segs === null || project === undefined || segs.length > 3) return next(ctx);
    // pypi.org redirects to the project's own spelling (for these fixtures, the normalised one).
    const canonical = project.name;
    if (name !== canonical) {
      const search = ctx.query.size > 0 ? `?${ctx.query.toString()}` : '';
      const rest = version === undefined ? '' : `${encodeURIComponent(version)}/`;
      ctx.res.writeHead(301, { location: `/project/${encodeURIComponent(canonical)}/${rest}${search}` });
      ctx.res.end();
      return;
    }
    const atVersion = version === undefined || version === project.version;
    if (ctx.query.get('lens-ui') === 'redesign' && atVersion && ctx.rawPath.endsWith('/')) {
      return sendHtml(ctx.res, 200, renderRedesignPage(project, version));
    }
    return next(ctx);
  };
}
