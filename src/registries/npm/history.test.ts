import { describe, expect, it } from 'vitest';
import type { FetchOutcome } from '../fetcher';
import { fakeFetcher } from '../testing/fake-fetcher';
import { ABBREVIATED_ACCEPT, earlierNpmVersions, fetchEarlierNpmVersions, FULL_ACCEPT } from './history';

const INTEGRITY = `sha512-${'A'.repeat(86)}==`;
const entry = (version: string, attested = true) => ({
  name: 'demo',
  version,
  dist: { integrity: INTEGRITY, tarball: `https://registry.npmjs.org/demo/-/demo-${version}.tgz`, ...(attested ? { attestations: { url: 'x' } } : {}) },
});
const versionsOf = (versions: string[], unattested: string[]) => Object.fromEntries(versions.map((v) => [v, entry(v, !unattested.includes(v))]));
/** The abbreviated ("corgi") form as registry.npmjs.org serves it: no `time`, only `modified`. */
const abbreviated = (versions: string[], unattested: string[] = []) => ({
  name: 'demo',
  modified: day(30),
  'dist-tags': { latest: versions.at(-1) },
  versions: versionsOf(versions, unattested),
});
/** The full form: `time` maps each version to its publish time, next to `created` and `modified`. */
const full = (published: Record<string, string>, unattested: string[] = []) => ({
  _id: 'demo',
  _rev: '12-0123456789abcdef',
  name: 'demo',
  'dist-tags': { latest: '2.0.0' },
  versions: versionsOf(Object.keys(published), unattested),
  time: { created: day(1), modified: day(30), ...published },
  maintainers: [{ name: 'someone', email: 'someone@example.com' }],
});
function day(n: number): string {
  return new Date(Date.UTC(2024, 0, n, 12)).toISOString();
}
const versionsIn = (res: ReturnType<typeof earlierNpmVersions>) => (res.ok ? res.value.map((d) => d.version) : res.code);
const URL_ = 'https://registry.npmjs.org/demo';
// 1.2.9 is a backport, published after 2.0.0.
const BACKPORT = { '1.0.0': day(2), '1.2.8': day(5), '2.0.0': day(10), '1.2.9': day(20) };

describe('earlier npm versions, by publish time', () => {
  it('compares a backport with what was published just before it, a higher number included', () => {
    expect(versionsIn(earlierNpmVersions(full(BACKPORT), 'demo', '1.2.9', 3))).toEqual(['2.0.0', '1.2.8', '1.0.0']);
  });

  it('leaves out a lower version published after the one on screen, and never lists created or modified', () => {
    expect(versionsIn(earlierNpmVersions(full(BACKPORT), 'demo', '2.0.0', 5))).toEqual(['1.2.8', '1.0.0']);
  });

  it('leaves out versions whose time is missing, unparsable, or not before the one on screen', () => {
    const doc = full({ '1.0.0': day(2), '1.1.0': 'yesterday', '1.2.0': '2024-13-01T00:00:00Z', '1.3.0': day(3), '1.4.0': day(9), '2.0.0': day(9) });
    delete (doc.time as Record<string, string>)['1.3.0'];
    expect(versionsIn(earlierNpmVersions(doc, 'demo', '2.0.0', 5))).toEqual(['1.0.0']);
  });

  it('keeps prerelease filtering: none for a release, some for a prerelease', () => {
    const published = { '1.0.0': day(2), '2.0.0-rc.1': day(4), '1.1.0': day(6), '2.0.0-rc.2': day(8), '2.0.0': day(9) };
    expect(versionsIn(earlierNpmVersions(full(published), 'demo', '2.0.0', 5))).toEqual(['1.1.0', '1.0.0']);
    expect(versionsIn(earlierNpmVersions(full(published), 'demo', '2.0.0-rc.2', 5))).toEqual(['1.1.0', '2.0.0-rc.1', '1.0.0']);
  });

  it('falls back to SemVer order without a time for the version on screen', () => {
    expect(versionsIn(earlierNpmVersions(abbreviated(Object.keys(BACKPORT)), 'demo', '1.2.9', 3))).toEqual(['1.2.8', '1.0.0']);
    const noOwnTime = full(BACKPORT);
    (noOwnTime.time as Record<string, string>)['1.2.9'] = 'soon';
    expect(versionsIn(earlierNpmVersions(noOwnTime, 'demo', '1.2.9', 3))).toEqual(['1.2.8', '1.0.0']);
  });

  it('skips entries that do not parse and refuses another package', () => {
    const doc = full({ '1.0.0': day(1), '1.1.0': day(2), '2.0.0': day(3) });
    (doc.versions['1.1.0'] as { name: string }).name = 'evil';
    expect(versionsIn(earlierNpmVersions(doc, 'demo', '2.0.0', 3))).toEqual(['1.0.0']);
    expect(earlierNpmVersions(doc, 'other', '2.0.0', 3)).toMatchObject({ ok: false, code: 'PARSE_SHAPE' });
  });
});

/** Serves `abbreviated` or `full` by the Accept header, and records which were asked for. */
function byAccept(corgi: FetchOutcome, whole: FetchOutcome) {
  const calls: string[] = [];
  const fetcher = async (_url: URL, init: { accept: string }): Promise<FetchOutcome> => {
    calls.push(init.accept);
    return init.accept === ABBREVIATED_ACCEPT ? corgi : whole;
  };
  return { fetcher, calls };
}
const served = (json: unknown): FetchOutcome => ({ ok: true, status: 200, json });
const TOO_LARGE: FetchOutcome = { ok: false, code: 'FETCH_TOO_LARGE', message: 'over 4 MiB' };

describe('fetching the packument for continuity', () => {
  const current = { version: '1.2.9', attested: true };

  it('reads the full packument alone: one request, in publish-time order (the abbreviated one lacks the times)', async () => {
    const { fetcher, calls } = byAccept(served(abbreviated(Object.keys(BACKPORT))), served(full(BACKPORT)));
    const res = await fetchEarlierNpmVersions(fetcher, 'demo', current, 3);
    expect(calls).toEqual([FULL_ACCEPT]);
    expect(versionsIn(res)).toEqual(['2.0.0', '1.2.8', '1.0.0']);
  });

  it('a registry serving times in the abbreviated form (Verdaccio) still costs one request: the full one', async () => {
    const fetcher = fakeFetcher({ [URL_]: full(BACKPORT) });
    expect(versionsIn(await fetchEarlierNpmVersions(fetcher, 'demo', current, 3))).toEqual(['2.0.0', '1.2.8', '1.0.0']);
    expect(fetcher.requests).toEqual([{ url: URL_, accept: FULL_ACCEPT }]);
  });

  it('when the full one is too large, uses the abbreviated one in its own order if it carries times and attestations', async () => {
    const withTimes = byAccept(served(full(BACKPORT)), TOO_LARGE);
    expect(versionsIn(await fetchEarlierNpmVersions(withTimes.fetcher, 'demo', current, 3))).toEqual(['2.0.0', '1.2.8', '1.0.0']);
    expect(withTimes.calls).toEqual([FULL_ACCEPT, ABBREVIATED_ACCEPT]);
  });

  it('uses the abbreviated one in SemVer order when the full one is too large, unless it drops attestations', async () => {
    const tooLarge = byAccept(served(abbreviated(Object.keys(BACKPORT))), TOO_LARGE);
    expect(versionsIn(await fetchEarlierNpmVersions(tooLarge.fetcher, 'demo', current, 3))).toEqual(['1.2.8', '1.0.0']);
    const stripped = byAccept(served(abbreviated(Object.keys(BACKPORT), Object.keys(BACKPORT))), TOO_LARGE);
    expect(await fetchEarlierNpmVersions(stripped.fetcher, 'demo', current, 3)).toMatchObject({ ok: false, code: 'FETCH_TOO_LARGE' });
  });

  it('gives up when the full packument fails otherwise, or the abbreviated one is too large too', async () => {
    const down = byAccept(served(abbreviated(Object.keys(BACKPORT))), { ok: false, code: 'FETCH_NETWORK', message: 'down' });
    expect(await fetchEarlierNpmVersions(down.fetcher, 'demo', current, 3)).toMatchObject({ ok: false, code: 'FETCH_NETWORK' });
    expect(down.calls, 'no fallback for a blip').toEqual([FULL_ACCEPT]);
    const huge = byAccept(TOO_LARGE, TOO_LARGE);
    expect(await fetchEarlierNpmVersions(huge.fetcher, 'demo', current, 3)).toMatchObject({ ok: false, code: 'FETCH_TOO_LARGE' });
    expect(huge.calls).toEqual([FULL_ACCEPT, ABBREVIATED_ACCEPT]);
  });
});
