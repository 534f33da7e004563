// A loopback npm registry and PyPI for `audit` tests, serving recorded real data that the test
// assembles (version documents, attestation responses, provenance objects). npm lives under
// /npm/ and PyPI under /pypi-root/, so the tests also cover base URLs with a path. Every
// request is logged, so a test can prove what was (and was not) asked.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalNpmRelease {
  version: string;
  published: string;
  /** `{name, version, dist}`; `dist.attestations` is added when `attestations` is set. */
  versionDoc: { name: string; version: string; dist: Record<string, unknown> };
  attestations?: unknown;
}

export interface LocalPypiFile {
  filename: string;
  sha256: string;
  packagetype: 'sdist' | 'bdist_wheel';
  /** A PEP 740 provenance object; absent: the Integrity API answers 404. */
  provenance?: unknown;
}

export interface LocalPypiRelease {
  name: string;
  version: string;
  uploaded: string;
  files: LocalPypiFile[];
}

export interface LocalRegistry {
  npmUrl: string;
  pypiUrl: string;
  /** Paths asked, in order. */
  requests: string[];
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function npmRoute(segments: string[], npm: Map<string, LocalNpmRelease[]>, res: ServerResponse): void {
  if (segments[0] === '-' && segments.slice(1, 4).join('/') === 'npm/v1/attestations') {
    const spec = segments.slice(4).join('/');
    const at = spec.lastIndexOf('@');
    const release = npm.get(spec.slice(0, at))?.find((r) => r.version === spec.slice(at + 1));
    return release?.attestations ? json(res, 200, release.attestations) : json(res, 404, { error: 'Not found' });
  }
  const [name = '', version] = segments;
  const releases = npm.get(name);
  if (!releases) return json(res, 404, { error: 'Not found' });
  const doc = (r: LocalNpmRelease) => {
    if (!r.attestations) return r.versionDoc;
    const url = `https://registry.npmjs.org/-/npm/v1/attestations/${name.replace('/', '%2f')}@${r.version}`;
    return { ...r.versionDoc, dist: { ...r.versionDoc.dist, attestations: { url, provenance: { predicateType: 'https://slsa.dev/provenance/v1' } } } };
  };
  if (version !== undefined) {
    const release = releases.find((r) => r.version === version);
    return release ? json(res, 200, doc(release)) : json(res, 404, { error: 'Not found' });
  }
  json(res, 200, {
    name,
    versions: Object.fromEntries(releases.map((r) => [r.version, doc(r)])),
    time: Object.fromEntries(releases.map((r) => [r.version, r.published])),
  });
}

function pypiRoute(segments: string[], pypi: LocalPypiRelease[], res: ServerResponse): void {
  const [api, name, version, filename, last] = segments;
  const ofProject = pypi.filter((r) => r.name === name);
  const listed = (r: LocalPypiRelease) => r.files.map((f) => ({ filename: f.filename, packagetype: f.packagetype, digests: { sha256: f.sha256 }, upload_time_iso_8601: r.uploaded }));
  if (api === 'pypi' && ofProject.length > 0 && version === 'json') {
    const latest = ofProject[ofProject.length - 1] as LocalPypiRelease;
    return json(res, 200, { info: { name, version: latest.version }, urls: listed(latest), releases: Object.fromEntries(ofProject.map((r) => [r.version, listed(r)])) });
  }
  const release = ofProject.find((r) => r.version === version);
  if (api === 'pypi' && release && filename === 'json') return json(res, 200, { info: { name, version }, urls: listed(release) });
  if (api === 'integrity' && release && last === 'provenance') {
    const file = release.files.find((f) => f.filename === filename);
    if (file?.provenance) return json(res, 200, file.provenance);
  }
  json(res, 404, { message: 'Not Found' });
}

export async function startLocalRegistry(data: { npm: Record<string, LocalNpmRelease[]>; pypi: LocalPypiRelease[] }): Promise<LocalRegistry> {
  const npm = new Map(Object.entries(data.npm));
  const requests: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    requests.push(path);
    const segments = path.split('/').slice(2).filter((s) => s !== '').map((s) => decodeURIComponent(s));
    if (path.startsWith('/npm/')) return npmRoute(segments, npm, res);
    if (path.startsWith('/pypi-root/')) return pypiRoute(segments, data.pypi, res);
    json(res, 404, {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    npmUrl: `http://127.0.0.1:${port}/npm/`,
    pypiUrl: `http://127.0.0.1:${port}/pypi-root/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
