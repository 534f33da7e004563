// pypi.org page routing in front of pypi-routes.ts: another spelling of a project name answers
// 301 to the normalised one, as pypi.org does, and `?lens-ui=redesign` (ours, not pypi.org's)
// serves the redesign-branch variant of a project page (`&lens-notice=<label>` sets the release
// notice it shows). Two projects also have earlier releases (earlierReleases below), so a release
// history leads somewhere: their pages, release JSON and Integrity API answers are served here,
// and the project's pages list them in their history: real attested releases, and authored ones
// without provenance (one a pre-release, some yanked) for the history tab's other rows.
import { createHash } from 'node:crypto';
import { readFixtureJson } from '../support/fixtures-dir';
import { renderProjectPage, type ListedRelease } from './pypi-pages';
import { renderRedesignPage } from './pypi-redesign-page';
import { pypiFileJson } from './pypi-routes';
import { normalizeProjectName, type PypiFile, type PypiProject } from './pypi-scenarios';
import { decodeSegments, send, sendHtml, sendJson, type HostHandler, type RouteContext } from './responses';

/** The date the latest releases' pages and JSON API give (pypi-routes.ts). */
const LATEST_DATE = '2026-01-01T00:00:00+00:00';

interface EarlierRelease {
  version: string;
  uploaded: string;
  file: PypiFile & { packagetype: 'sdist' };
  /** The unsigned publisher object PyPI's Integrity API sends with the attestation. */
  publisher: Record<string, string | null>;
  /** null: an authored release without provenance (the Integrity API answers 404). */
  attestation: string | null;
  yanked?: true;
}

function realSha256(project: string, filename: string): string {
  const dists = readFixtureJson<{ distributions: { filename: string; sha256: string }[] }>(`pypi/${project}/dists.json`);
  const found = dists.distributions.find((d) => d.filename === filename);
  if (!found) throw new Error(`no ${filename} in pypi/${project}/dists.json`);
  return found.sha256;
}

/**
 * Real files and attestations from the shared fixtures; the upload times are authored (near the
 * Rekor integration times), and so is the wrapper around each bare attestation. The project JSON
 * (`/pypi/<name>/json`) still lists the latest release alone, so the latest pages' continuity
 * check is what the other specs expect.
 */
function earlierReleases(): Map<string, EarlierRelease[]> {
  const sdist = (project: string, filename: string): EarlierRelease['file'] => ({
    filename,
    packagetype: 'sdist',
    sha256: realSha256(project, filename),
    provenance: { kind: 'missing' },
  });
  // Authored: a release uploaded without attestations, its sdist's digest made up.
  const unattested = (project: string, version: string, uploaded: string, yanked?: true): EarlierRelease => {
    const filename = `${project.replace(/-/g, '_')}-${version}.tar.gz`;
    const sha256 = createHash('sha256').update(`provenance-lens e2e authored file ${filename}`).digest('hex');
    return { version, uploaded, file: { filename, packagetype: 'sdist', sha256, provenance: { kind: 'missing' } }, publisher: {}, attestation: null, ...(yanked ? { yanked } : {}) };
  };
  return new Map([
    [
      'pypi-attestations',
      [
        {
          version: '0.0.16',
          uploaded: '2024-11-07T22:43:26+00:00',
          file: sdist('pypi-attestations', 'pypi_attestations-0.0.16.tar.gz'),
          publisher: { kind: 'GitHub', repository: 'trailofbits/pypi-attestations', workflow: 'release.yml', environment: null },
          attestation: 'pypi/pypi-attestations/pypi_attestations-0.0.16.tar.gz.attestation',
        },
        unattested('pypi-attestations', '0.0.1', '2024-06-04T00:00:00+00:00', true),
      ],
    ],
    [
      'sampleproject',
      [
        unattested('sampleproject', '4.0.0rc1', '2024-09-30T00:00:00+00:00'),
        {
          version: '3.0.0',
          uploaded: '2024-09-10T00:00:00+00:00',
          file: sdist('sampleproject', 'sampleproject-3.0.0.tar.gz'),
          publisher: { kind: 'Google', email: '919436158236-compute@developer.gserviceaccount.com' },
          attestation: 'pypi/sampleproject/sampleproject-3.0.0.tar.gz.publish.attestation',
        },
        unattested('sampleproject', '2.0.0', '2020-06-25T00:00:00+00:00', true),
      ],
    ],
  ]);
}

/** The project as its page for an earlier release shows it: that version and its files. */
function atRelease(project: PypiProject, release: EarlierRelease): PypiProject {
  // Rendered as PyPI's page does for a file with attestations (the Provenance section).
  const file: PypiFile = release.attestation === null ? release.file : { ...release.file, provenance: { kind: 'provenance', path: release.attestation } };
  return { ...project, version: release.version, files: [file] };
}

function serveEarlier(ctx: RouteContext, project: PypiProject, earlier: EarlierRelease[], segs: string[]): boolean {
  const [head, , a, b, c] = segs;
  const history: ListedRelease[] = [{ version: project.version, date: LATEST_DATE }, ...earlier.map((r) => ({ version: r.version, date: r.uploaded, ...(r.yanked ? { yanked: true } : {}) }))];
  const release = earlier.find((r) => r.version === a);
  if (head === 'project' && ctx.rawPath.endsWith('/')) {
    if (segs.length === 2 || (segs.length === 3 && a === project.version)) {
      sendHtml(ctx.res, 200, renderProjectPage(project, a, history));
      return true;
    }
    if (segs.length === 3 && release) {
      sendHtml(ctx.res, 200, renderProjectPage(atRelease(project, release), a, history));
      return true;
    }
  }
  if (head === 'pypi' && release && segs.length === 4 && b === 'json') {
    const info = { name: project.name, version: release.version, summary: project.summary };
    const file = { ...(pypiFileJson(release.file, release.uploaded, 0) as object), yanked: release.yanked === true };
    sendJson(ctx.res, 200, { info, urls: [file] });
    return true;
  }
  if (head === 'integrity' && release && segs.length === 5 && c === 'provenance') {
    if (b !== release.file.filename || release.attestation === null) sendJson(ctx.res, 404, { message: 'No provenance available' });
    else {
      const doc = { version: 1, attestation_bundles: [{ publisher: release.publisher, attestations: [readFixtureJson(release.attestation)] }] };
      send(ctx.res, 200, 'application/vnd.pypi.integrity.v1+json', JSON.stringify(doc));
    }
    return true;
  }
  return false;
}

export function pypiPageRoutes(projects: readonly PypiProject[], next: HostHandler): HostHandler {
  const byName = new Map(projects.map((p) => [normalizeProjectName(p.name), p]));
  const earlier = projects.length === 0 ? new Map<string, EarlierRelease[]>() : earlierReleases();
  return (ctx) => {
    const segs = decodeSegments(ctx.rawPath);
    const [head, name, version] = segs ?? [];
    const project = name !== undefined ? byName.get(normalizeProjectName(name)) : undefined;
    if (segs === null || project === undefined) return next(ctx);
    const older = earlier.get(normalizeProjectName(project.name));
    if (head !== 'project') {
      if (older && name === project.name && serveEarlier(ctx, project, older, segs)) return;
      return next(ctx);
    }
    if (segs.length > 3) return next(ctx);
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
      // `lens-notice` (ours too): the release notice PyPI's backend would show instead of the one
      // these files imply, as when PyPI's records of recent releases see a change ours does not.
      return sendHtml(ctx.res, 200, renderRedesignPage(project, version, ctx.query.get('lens-notice') ?? undefined));
    }
    if (older && serveEarlier(ctx, project, older, segs)) return;
    return next(ctx);
  };
}
