import { describe, expect, it } from 'vitest';
import type { FetchOutcome } from '../fetcher';
import { fakeFetcher } from '../testing/fake-fetcher';
import { ABBREVIATED_ACCEPT, earlierNpmVersions, fetchEarlierNpmVersions } from './history';

const INTEGRITY = `sha512-${'A'.repeat(86)}==`;
const entry = (version: string, attested = true) => ({
  name: 'demo',
  version,
  dist: { integrity: INTEGRITY, tarball: `https://registry.npmjs.org/demo/-/demo-${version}.tgz`, ...(attested ? { attestations: { url: 'x' } } : {}) },
});
const packument = (versions: string[], unattested: string[] = []) => ({
  name: 'demo',
  versions: Object.fromEntries(versions.map((v) => [v, entry(v, !unattested.includes(v))])),
});
const URL_ = 'https://registry.npmjs.org/demo';

describe('earlier npm versions', () => {
  it('orders by SemVer, nearest first, without prereleases for a release', () => {
    const doc = packument(['1.0.0', '1.10.0', '1.2.0', '2.0.0-rc.1', '2.0.0', '3.0.0'], ['1.2.0']);
    const res = earlierNpmVersions(doc, 'demo', '2.0.0', 3);
    expect(res.ok && res.value.map((d) => [d.version, d.hasAttestations])).toEqual([
      ['1.10.0', true],
      ['1.2.0', false],
      ['1.0.0', true],
    ]);
  });

  it('counts prereleases when the version on screen is one', () => {
    const res = earlierNpmVersions(packument(['1.0.0', '2.0.0-rc.1', '2.0.0-rc.2']), 'demo', '2.0.0-rc.2', 3);
    expect(res.ok && res.value.map((d) => d.version)).toEqual(['2.0.0-rc.1', '1.0.0']);
  });

  it('skips entries that do not parse and refuses another package', () => {
    const doc = packument(['1.0.0', '1.1.0', '2.0.0']);
    (doc.versions['1.1.0'] as { name: string }).name = 'evil';
    const res = earlierNpmVersions(doc, 'demo', '2.0.0', 3);
    expect(res.ok && res.value.map((d) => d.version)).toEqual(['1.0.0']);
    expect(earlierNpmVersions(doc, 'other', '2.0.0', 3)).toMatchObject({ ok: false, code: 'PARSE_SHAPE' });
  });

  it('asks for the abbreviated packument, and the full one only when it drops attestations', async () => {
    const abbreviated = fakeFetcher({ [URL_]: packument(['1.0.0', '2.0.0']) });
    await fetchEarlierNpmVersions(abbreviated, 'demo', { version: '2.0.0', attested: true }, 3);
    expect(abbreviated.requests).toEqual([{ url: URL_, accept: ABBREVIATED_ACCEPT }]);

    const stripped = packument(['1.0.0', '2.0.0'], ['1.0.0', '2.0.0']);
    const full = packument(['1.0.0', '2.0.0']);
    const calls: string[] = [];
    const fetcher = async (url: URL, init: { accept: string }): Promise<FetchOutcome> => {
      calls.push(init.accept);
      return { ok: true, status: 200, json: init.accept === ABBREVIATED_ACCEPT ? stripped : full };
    };
    const res = await fetchEarlierNpmVersions(fetcher, 'demo', { version: '2.0.0', attested: true }, 3);
    expect(calls).toEqual([ABBREVIATED_ACCEPT, 'application/json']);
    expect(res.ok && res.value[0]?.hasAttestations).toBe(true);
  });

  it('gives up on a packument over the size limit', async () => {
    const fetcher = async (): Promise<FetchOutcome> => ({ ok: false, code: 'FETCH_TOO_LARGE', message: 'over 4 MiB' });
    expect(await fetchEarlierNpmVersions(fetcher, 'demo', { version: '2.0.0', attested: false }, 3)).toMatchObject({ ok: false, code: 'FETCH_TOO_LARGE' });
  });
});
