import { describe, expect, it } from 'vitest';
import { fakeFetcher } from '../testing/fake-fetcher';
import { earlierPypiReleases, fetchEarlierPypiReleases } from './history';

const sha = (c: string) => c.repeat(64);
const file = (filename: string, packagetype: string, time: string | undefined, extra: Record<string, unknown> = {}) => ({
  filename,
  packagetype,
  digests: { sha256: sha(filename.length.toString(16).slice(-1)) },
  ...(time === undefined ? {} : { upload_time_iso_8601: time }),
  ...extra,
});
const project = (releases: Record<string, unknown>) => ({ info: { name: 'Demo', version: '3.0' }, releases });

describe('earlier PyPI releases', () => {
  it('orders by upload time, nearest first, one file each (the sdist when there is one)', () => {
    const doc = project({
      '1.0': [file('demo-1.0-py3-none-any.whl', 'bdist_wheel', '2024-01-01T00:00:00Z'), file('demo-1.0.tar.gz', 'sdist', '2024-01-01T00:01:00Z')],
      // A backport uploaded after 2.0 follows 2.0 in time: that is the publisher continuity order.
      '1.1': [file('demo-1.1-py3-none-any.whl', 'bdist_wheel', '2024-03-01T00:00:00Z')],
      '2.0': [file('demo-2.0.tar.gz', 'sdist', '2024-02-01T00:00:00Z')],
      '3.0': [file('demo-3.0.tar.gz', 'sdist', '2024-04-01T00:00:00Z')],
      '4.0': [file('demo-4.0.tar.gz', 'sdist', '2024-05-01T00:00:00Z')],
    });
    const res = earlierPypiReleases(doc, 'demo', '3.0', 3);
    expect(res.ok && res.value.map((r) => [r.version, r.files.map((f) => f.filename)])).toEqual([
      ['1.1', ['demo-1.1-py3-none-any.whl']],
      ['2.0', ['demo-2.0.tar.gz']],
      ['1.0', ['demo-1.0.tar.gz']],
    ]);
    expect(res.ok && res.value[0]?.name).toBe('Demo');
  });

  it('skips yanked files and releases, and bounds the count', () => {
    const doc = project({
      '1.0': [file('demo-1.0.tar.gz', 'sdist', '2024-01-01T00:00:00Z')],
      '2.0': [file('demo-2.0.tar.gz', 'sdist', '2024-02-01T00:00:00Z', { yanked: true })],
      '2.1': [file('demo-2.1.tar.gz', 'sdist', '2024-02-02T00:00:00Z', { yanked: true }), file('demo-2.1-py3-none-any.whl', 'bdist_wheel', '2024-02-02T00:00:00Z')],
      '3.0': [file('demo-3.0.tar.gz', 'sdist', '2024-04-01T00:00:00Z')],
    });
    const res = earlierPypiReleases(doc, 'demo', '3.0', 1);
    expect(res.ok && res.value.map((r) => [r.version, r.files[0]?.filename])).toEqual([['2.1', 'demo-2.1-py3-none-any.whl']]);
  });

  it('falls back to PEP 440 order when an upload time is missing, and skips bad entries', () => {
    const doc = project({
      '0.9': [file('demo-0.9.tar.gz', 'sdist', undefined)],
      '1.0rc1': [file('demo-1.0rc1.tar.gz', 'sdist', '2024-01-01T00:00:00Z')],
      '../x': [file('demo-x.tar.gz', 'sdist', undefined)],
      '2.0': [{ filename: '../evil', digests: { sha256: 'zz' } }],
      '3.0': [file('demo-3.0.tar.gz', 'sdist', '2024-04-01T00:00:00Z')],
    });
    const res = earlierPypiReleases(doc, 'demo', '3.0', 3);
    expect(res.ok && res.value.map((r) => r.version)).toEqual(['1.0rc1', '0.9']);
  });

  it('refuses a document for another project or without releases', () => {
    expect(earlierPypiReleases({ info: { name: 'other' }, releases: {} }, 'demo', '1.0', 3)).toMatchObject({ ok: false, code: 'PARSE_SHAPE' });
    expect(earlierPypiReleases({ info: { name: 'demo' } }, 'demo', '1.0', 3)).toMatchObject({ ok: false, code: 'PARSE_SHAPE' });
  });

  it('reads /pypi/<name>/json and passes fetch failures on', async () => {
    const fetcher = fakeFetcher({ 'https://pypi.org/pypi/demo/json': project({}) });
    expect(await fetchEarlierPypiReleases(fetcher, 'demo', '3.0', 3)).toEqual({ ok: true, value: [] });
    expect(fetcher.requests).toEqual([{ url: 'https://pypi.org/pypi/demo/json', accept: 'application/json' }]);
    expect(await fetchEarlierPypiReleases(fakeFetcher({}), 'demo', '3.0', 3)).toMatchObject({ ok: false, code: 'FETCH_NOT_FOUND' });
  });
});
