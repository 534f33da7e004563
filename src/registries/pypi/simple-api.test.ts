// The Simple API's per-file provenance hints, read as hostile input: only a null or our own
// Integrity API URL gives a hint; anything else leaves the file to the probe.
import { describe, expect, it } from 'vitest';
import { fakeFetcher } from '../testing/fake-fetcher';
import type { PypiRelease } from './api';
import { fetchProvenanceHints, provenanceHints, simpleUrl } from './simple-api';

const sha = (c: string) => c.repeat(64);
const release: PypiRelease = {
  name: 'My.Demo',
  version: '1.0',
  files: [
    { filename: 'my_demo-1.0.tar.gz', sha256: sha('a'), packagetype: 'sdist' },
    { filename: 'my_demo-1.0-py3-none-any.whl', sha256: sha('b'), packagetype: 'bdist_wheel' },
  ],
};
const entry = (filename: string, sha256: string, provenance?: unknown) => ({ filename, hashes: { sha256 }, ...(provenance === undefined ? {} : { provenance }) });
const doc = (files: unknown[], apiVersion: unknown = '1.4', name: unknown = 'my-demo') => ({ meta: { 'api-version': apiVersion }, name, files });
const hints = (d: unknown) => {
  const res = provenanceHints(d, release);
  return res.ok ? Object.fromEntries(res.value) : res;
};
const SDIST_URL = 'https://pypi.org/integrity/my-demo/1.0/my_demo-1.0.tar.gz/provenance';

describe('Simple API provenance hints', () => {
  it('asks https://pypi.org/simple/<normalized name>/ for the JSON form', async () => {
    expect(simpleUrl('My.Demo').href).toBe('https://pypi.org/simple/my-demo/');
    const fetcher = fakeFetcher({});
    expect(await fetchProvenanceHints(fetcher, release)).toEqual({ ok: true, value: new Map() });
    expect(fetcher.requests).toEqual([{ url: 'https://pypi.org/simple/my-demo/', accept: 'application/vnd.pypi.simple.v1+json' }]);
  });

  it('reads null as none and our URL (normalized or JSON API name, absolute or relative) as fetch', () => {
    expect(hints(doc([entry('my_demo-1.0.tar.gz', sha('A'), SDIST_URL), entry('my_demo-1.0-py3-none-any.whl', sha('b'), null)]))).toEqual({
      'my_demo-1.0.tar.gz': 'fetch',
      'my_demo-1.0-py3-none-any.whl': 'none',
    });
    expect(hints(doc([entry('my_demo-1.0.tar.gz', sha('a'), null)], '1.4', 'My_Demo'))).toEqual({ 'my_demo-1.0.tar.gz': 'none' });
    expect(hints(doc([entry('my_demo-1.0.tar.gz', sha('a'), '/integrity/My.Demo/1.0/my_demo-1.0.tar.gz/provenance')]))).toEqual({ 'my_demo-1.0.tar.gz': 'fetch' });
    expect(hints(doc([entry('my_demo-1.0.tar.gz', sha('a'), '../../integrity/my-demo/1.0/my_demo-1.0.tar.gz/provenance')]))).toEqual({ 'my_demo-1.0.tar.gz': 'fetch' });
  });

  it('gives no hint for another URL, another type, an over-long value or a missing key', () => {
    const others = ['https://evil.example/integrity/my-demo/1.0/my_demo-1.0.tar.gz/provenance', 'http://pypi.org/integrity/my-demo/1.0/my_demo-1.0.tar.gz/provenance', `${SDIST_URL}?x`, '/integrity/my-demo/1.1/my_demo-1.0.tar.gz/provenance', 'https://[', 7, true, {}, `${SDIST_URL}#${'x'.repeat(3000)}`, undefined];
    for (const provenance of others) expect(hints(doc([entry('my_demo-1.0.tar.gz', sha('a'), provenance)]))).toEqual({});
  });

  it('gives no hints for an index older than 1.3, of another major version, or not an index at all', () => {
    const files = [entry('my_demo-1.0.tar.gz', sha('a'), null)];
    for (const v of ['1.2', '1.0', '2.0', '1', 1.4, null]) expect(hints(doc(files, v))).toEqual({});
    for (const d of [null, [], 'x', { name: 'my-demo', files }]) expect(hints(d)).toEqual({});
  });

  it('ignores entries of other releases and malformed entries that are not ours', () => {
    const files = [null, 'x', { filename: 7 }, entry('my_demo-0.9.tar.gz', 'zz', null), entry('my_demo-1.0.tar.gz', sha('a'), null)];
    expect(hints(doc(files))).toEqual({ 'my_demo-1.0.tar.gz': 'none' });
  });

  it('is PARSE_SHAPE for another project, a bad files list, a duplicate, or a digest that disagrees or is missing', () => {
    const ok = entry('my_demo-1.0.tar.gz', sha('a'), null);
    const bad = [
      doc([ok], '1.4', 'my-demo-2'),
      doc([ok], '1.4', 7),
      { meta: { 'api-version': '1.4' }, files: [ok] },
      { meta: { 'api-version': '1.4' }, name: 'my-demo', files: {} },
      doc([ok, ok]),
      doc([entry('my_demo-1.0.tar.gz', sha('c'), null)]),
      doc([{ filename: 'my_demo-1.0.tar.gz', hashes: {}, provenance: null }]),
      doc([{ filename: 'my_demo-1.0.tar.gz', provenance: null }]),
      // An old index's digests are checked too: a disagreement is never ignored.
      doc([entry('my_demo-1.0.tar.gz', sha('c'))], '1.1'),
    ];
    for (const [i, d] of bad.entries()) expect([i, provenanceHints(d, release)]).toMatchObject([i, { ok: false, code: 'PARSE_SHAPE' }]);
  });
});
