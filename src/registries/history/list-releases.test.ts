// Reading every release from a registry listing, whose bytes are hostile: version order,
// pre-releases, dates read strictly, withdrawn releases, and entries that must stay "couldn't
// check" rather than disappear or pass for releases without provenance.
import { describe, expect, it } from 'vitest';
import type { AdapterDeps } from '../adapter';
import type { Fetcher } from '../fetcher';
import { listNpmVersions, npmVersionsOf } from './list-npm';
import { isPep440Prerelease, pypiReleasesOf } from './list-pypi';

const SHA = (n: number) => n.toString(16).padStart(64, '0');
const file = (name: string, version: string, n: number, more: Record<string, unknown> = {}) => ({
  filename: `${name}-${version}.tar.gz`,
  packagetype: 'sdist',
  digests: { sha256: SHA(n) },
  upload_time_iso_8601: '2024-03-01T10:00:00.123456Z',
  ...more,
});
const noNetwork: AdapterDeps = {
  fetcher: () => Promise.reject(new Error('no request expected')),
  verifiers: { verifyPypiProvenance: () => ({ status: 'none' }), verifyNpmAttestations: () => ({ status: 'none' }) },
  trust: {} as AdapterDeps['trust'],
  now: () => 0,
};

describe('PyPI project listing', () => {
  it('orders by PEP 440, not by the listing, and marks pre-releases and yanked releases', () => {
    const releases = {
      '1.10': [file('demo', '1.10', 1)],
      '1.9': [file('demo', '1.9', 2, { yanked: true })],
      '2.0rc1': [file('demo', '2.0rc1', 3)],
      '2.0.dev3': [file('demo', '2.0.dev3', 4)],
      '1.10.post1': [file('demo', '1.10.post1', 5, { upload_time_iso_8601: 'yesterday' })],
    };
    const res = pypiReleasesOf({ info: { name: 'Demo' }, releases }, 'demo');
    if (!res.ok) throw new Error(res.message);
    expect(res.value.map((r) => [r.version, r.prerelease, r.yanked === true, r.publishedAt])).toEqual([
      ['2.0rc1', true, false, '2024-03-01T10:00:00.123Z'],
      ['2.0.dev3', true, false, '2024-03-01T10:00:00.123Z'],
      ['1.10.post1', false, false, undefined],
      ['1.10', false, false, '2024-03-01T10:00:00.123Z'],
      ['1.9', false, true, '2024-03-01T10:00:00.123Z'],
    ]);
  });

  it('tells pre-releases from post and local versions', () => {
    expect(['1.0a1', '1.0b2', '1.0rc1', '1.0.dev0', '1.0-alpha.3', '1.0c1'].map(isPep440Prerelease)).toEqual([true, true, true, true, true, true]);
    expect(['1.0', '1.0.post1', '1.0-1', '1.0+dev', '1.0+rc1', 'banana'].map(isPep440Prerelease)).toEqual([false, false, false, false, false, false]);
  });

  it('keeps a release with a malformed or foreign file list as "couldn\'t check", and leaves out empty ones', async () => {
    const releases = {
      '1.0': [file('demo', '1.0', 1)],
      '1.1': [file('other', '1.1', 2)],
      '1.2': [file('demo', '1.2', 3, { digests: { sha256: 'not-hex' } })],
      '1.3': [file('demo', '1.3', 4), file('demo', '1.3', 5)],
      '1.4': [],
      '../x': [file('demo', '1.5', 6)],
    };
    const res = pypiReleasesOf({ info: { name: 'demo' }, releases }, 'demo');
    if (!res.ok) throw new Error(res.message);
    expect(res.value.map((r) => r.version)).toEqual(['1.3', '1.2', '1.1', '1.0']);
    const verdicts = await Promise.all(res.value.slice(0, 3).map((r) => r.verify(noNetwork)));
    expect(verdicts.map((v) => [v.status, v.status === 'unavailable' && v.code, v.status === 'unavailable' && v.message])).toEqual([
      ['unavailable', 'PARSE_SHAPE', 'PyPI project JSON: duplicate file demo-1.3.tar.gz'],
      ['unavailable', 'PARSE_SHAPE', 'PyPI project JSON: bad file entry'],
      ['unavailable', 'PARSE_SHAPE', 'PyPI project JSON: file other-1.1.tar.gz is not of demo 1.1'],
    ]);
  });

  it('refuses a document for another project', () => {
    expect(pypiReleasesOf({ info: { name: 'evil' }, releases: {} }, 'demo')).toMatchObject({ ok: false, code: 'PARSE_SHAPE' });
  });
});

describe('npm packument listing', () => {
  const doc = (version: string, more: Record<string, unknown> = {}) => ({ name: 'demo', version, dist: { integrity: `sha512-${'A'.repeat(86)}==` }, ...more });

  it('orders by SemVer precedence, reads times strictly and only for versions, and marks deprecated ones', () => {
    const packument = {
      name: 'demo',
      versions: {
        '1.0.0': doc('1.0.0'),
        '10.0.0': doc('10.0.0', { deprecated: 'use 11' }),
        '2.0.0-rc.1': doc('2.0.0-rc.1', { deprecated: '' }),
        '2.0.0': doc('2.0.0'),
      },
      time: { created: '2020-01-01T00:00:00.000Z', '1.0.0': '2020-01-02T00:00:00.000Z', '2.0.0': 'Tuesday', '10.0.0': 5 },
    };
    const res = npmVersionsOf(packument, 'demo');
    if (!res.ok) throw new Error(res.message);
    expect(res.value.map((r) => [r.version, r.prerelease, r.deprecated === true, r.publishedAt])).toEqual([
      ['10.0.0', false, true, undefined],
      ['2.0.0', false, false, undefined],
      ['2.0.0-rc.1', true, false, undefined],
      ['1.0.0', false, false, '2020-01-02T00:00:00.000Z'],
    ]);
  });

  it('a version document for another version stays "couldn\'t check"', async () => {
    const res = npmVersionsOf({ name: 'demo', versions: { '1.0.0': doc('9.9.9') } }, 'demo');
    if (!res.ok) throw new Error(res.message);
    expect(await res.value[0]?.verify(noNetwork)).toMatchObject({ status: 'unavailable', code: 'PARSE_SHAPE' });
  });

  it('reads the abbreviated packument only when the full one is too large', async () => {
    const asked: string[] = [];
    const fetcher: Fetcher = (url, init) => {
      asked.push(`${url.href} ${init.accept}`);
      return Promise.resolve(
        init.accept === 'application/json'
          ? { ok: false, status: 200, code: 'FETCH_TOO_LARGE', message: 'over 4 MiB' }
          : { ok: true, status: 200, json: { name: 'demo', versions: { '1.0.0': doc('1.0.0') } } },
      );
    };
    expect(await listNpmVersions(fetcher, 'demo')).toMatchObject({ ok: true, value: [{ version: '1.0.0' }] });
    expect(asked).toEqual(['https://registry.npmjs.org/demo application/json', 'https://registry.npmjs.org/demo application/vnd.npm.install-v1+json']);
  });
});
