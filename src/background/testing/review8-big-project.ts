// Review 8's big PyPI project as PyPI serves it (fields as in PyPI's JSON and Simple API answers,
// digests that compress as real ones do), served over testing/review8-link.ts.
import { createHash } from 'node:crypto';
import { provenanceUrl, releaseUrl } from '../../registries/pypi/api';
import { simpleUrl } from '../../registries/pypi/simple-api';

const hexOf = (s: string, algorithm = 'sha256') => createHash(algorithm).update(s).digest('hex');
const utf8 = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** `versions` releases of `filesPer` wheels, the last with `lastFiles` files, each with a provenance document of the real size. */
export function bigPypiProject(name: string, o: { versions: number; filesPer: number; lastFiles: number; provenance: Uint8Array }) {
  const routes: Record<string, Uint8Array> = {};
  const releases: Record<string, unknown[]> = {};
  const simple: unknown[] = [];
  const last = `1.${o.versions - 1}`;
  for (let v = 0; v < o.versions; v++) {
    const version = `1.${v}`;
    const n = version === last ? o.lastFiles : o.filesPer;
    const entries = Array.from({ length: n }, (_, i) => {
      const filename = `${name}-${version}-cp3${i % 14}-cp3${i % 14}-manylinux_2_17_x86_64.manylinux2014_x86_${i}.whl`;
      const sha256 = hexOf(`${version}|${i}`);
      const blob = hexOf(`u${version}|${i}`);
      const at = new Date(Date.UTC(2020, 0, 1 + v, 0, 0, i % 60)).toISOString();
      return {
        comment_text: null,
        digests: { blake2b_256: hexOf(`b${version}|${i}`), md5: hexOf(`${version}|${i}`, 'md5'), sha256 },
        downloads: -1,
        filename,
        has_sig: false,
        md5_digest: hexOf(`${version}|${i}`, 'md5'),
        packagetype: 'bdist_wheel',
        python_version: 'cp311',
        requires_python: '>=3.9',
        size: 1_000_000 + i,
        upload_time: at.slice(0, 19),
        upload_time_iso_8601: at,
        url: `https://files.pythonhosted.org/packages/${blob.slice(0, 2)}/${blob.slice(2, 4)}/${blob.slice(4)}/${filename}`,
        yanked: false,
        yanked_reason: null,
      };
    });
    releases[version] = entries;
    for (const e of entries) {
      simple.push({
        filename: e.filename,
        hashes: { sha256: e.digests.sha256 },
        url: e.url,
        'requires-python': '>=3.9',
        'core-metadata': { sha256: hexOf(`m${e.filename}`) },
        size: e.size,
        'upload-time': e.upload_time_iso_8601,
        yanked: false,
        provenance: version === last ? provenanceUrl(name, version, e.filename).href : null,
      });
      if (version === last) routes[provenanceUrl(name, version, e.filename).href] = o.provenance;
    }
  }
  const readme = 'A long project description, as big projects have. '.repeat(600);
  routes[releaseUrl(name, last).href] = utf8({ info: { name, version: last, description: readme }, urls: releases[last], vulnerabilities: [] });
  routes[releaseUrl(name).href] = utf8({ info: { name, version: last, description: readme }, urls: releases[last], releases, vulnerabilities: [] });
  routes[simpleUrl(name).href] = utf8({ meta: { 'api-version': '1.4' }, name, versions: Object.keys(releases), files: simple });
  return { routes, last };
}
