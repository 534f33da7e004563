// What a PyPI page sends beside its package (the files it lists, PyPI's own notice) can take the
// verdict down or add a note, for the page and for the tab's toolbar record alike; it can never
// raise a verdict, and anything malformed is refused whole.
import { describe, expect, it } from 'vitest';
import type { PackageRef, PackageVerdict } from '../core/verdict';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { VERDICTS } from '../ui/test-verdicts';
import type { BadgeApi } from './action-badge';
import { createPinStore } from './pins';
import { createRouter } from './router';
import type { Sender } from './sender';
import { createSettingsStore } from './settings';
import { createTabState } from './tab-state';
import { fakeStorage } from './testing/fake-storage';

const RUNTIME = 'our-extension-id';
const page: Sender = { id: RUNTIME, url: new URL('/project/widgets/1.2.0/', PYPI_ORIGIN).href, frameId: 0, tab: { id: 7 } };
const pkg: PackageRef = { registry: 'pypi', name: 'widgets', version: '1.2.0' };
const FILES = ['widgets-1.2.0-py3-none-any.whl', 'widgets-1.2.0.tar.gz'];

function setup(verdict: PackageVerdict, asked: PackageRef[] = []) {
  const noBadge: BadgeApi = { setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined, setTitle: async () => undefined };
  const tabs = createTabState(noBadge);
  const storage = fakeStorage();
  const router = createRouter({
    runtimeId: RUNTIME,
    extensionBase: 'chrome-extension://our-extension-id/',
    verdicts: {
      getVerdict: async (p) => {
        asked.push(p);
        return p.version === undefined || p.version === verdict.pkg.version ? verdict : { ...verdict, pkg: { ...verdict.pkg, version: p.version } };
      },
    },
    tabs,
    settings: createSettingsStore(storage),
    cache: { clear: async () => 0 },
    pins: createPinStore(storage),
  });
  return { router, tabs };
}

describe('router: what a PyPI page lists and says', () => {
  it('a file on the page the verdict did not check: couldn\'t check, on the page and in the tab record', async () => {
    const { router, tabs } = setup(VERDICTS.verified);
    const reply = await router({ type: 'content/verdict', pkg, files: [...FILES, 'widgets-1.2.0-cp313-cp313-win_amd64.whl'] }, page);
    expect(reply).toMatchObject({ ok: true, value: { status: 'unavailable', code: 'FETCH_UNLISTED' } });
    await expect.poll(async () => (await tabs.get(7))?.verdict.status).toBe('unavailable');
    // The same files as the verdict's: verified stays verified.
    expect(await router({ type: 'content/verdict', pkg, files: FILES }, page)).toMatchObject({ ok: true, value: { status: 'verified' } });
  });

  it('PyPI\'s notice disagreeing with ours adds a note; the status is ours', async () => {
    const { router, tabs } = setup(VERDICTS.verified);
    const reply = await router({ type: 'content/verdict', pkg, files: FILES, notice: 'change' }, page);
    expect(reply).toMatchObject({ ok: true, value: { status: 'verified', registryNote: expect.stringContaining('"Change of provenance"') } });
    await expect.poll(async () => (await tabs.get(7))?.verdict.registryNote).toContain('Change of provenance');
    const agreeing = await router({ type: 'content/verdict', pkg, notice: 'full' }, page);
    expect(agreeing).toMatchObject({ ok: true, value: { status: 'verified' } });
    expect((agreeing as { value: PackageVerdict }).value.registryNote).toBeUndefined();
  });

  it('cannot raise a verdict: no list of files or notice turns a failure or a missing file green', async () => {
    const { router } = setup(VERDICTS.invalid);
    for (const extra of [{ files: [] }, { files: ['widgets-1.2.0.tar.gz'] }, { notice: 'full' }]) {
      expect(await router({ type: 'content/verdict', pkg, ...extra }, page)).toMatchObject({ ok: true, value: { status: 'invalid' } });
    }
  });

  it('a "latest" page whose header shows a release the API does not call latest yet gets that release\'s verdict', async () => {
    const asked: PackageRef[] = [];
    const { router, tabs } = setup(VERDICTS.verified, asked);
    const latestPage: Sender = { ...page, url: new URL('/project/widgets/', PYPI_ORIGIN).href };
    const latest = { registry: 'pypi', name: 'widgets' } as const;
    const reply = await router({ type: 'content/verdict', pkg: latest, shownVersion: '1.3.0' }, latestPage);
    expect(reply).toMatchObject({ ok: true, value: { pkg: { version: '1.3.0' } } });
    expect(asked).toEqual([latest, { ...latest, version: '1.3.0' }]);
    await expect.poll(async () => (await tabs.get(7))?.verdict.pkg.version).toBe('1.3.0');
    // The same version as the API's latest: one request; a version page ignores the header.
    asked.length = 0;
    await router({ type: 'content/verdict', pkg: latest, shownVersion: '1.2.0' }, latestPage);
    await router({ type: 'content/verdict', pkg, shownVersion: '9.9.9' }, page);
    expect(asked).toEqual([latest, pkg]);
    // A header version outside the grammar is not asked for.
    asked.length = 0;
    await router({ type: 'content/verdict', pkg: latest, shownVersion: '../1' }, latestPage);
    expect(asked).toEqual([latest]);
  });

  it('refuses malformed lists and notices whole', async () => {
    const { router } = setup(VERDICTS.verified);
    const bad = [
      { files: 'widgets-1.2.0.tar.gz' },
      { files: [1] },
      { files: [''] },
      { files: ['x'.repeat(256)] },
      { files: Array.from({ length: 501 }, (_, i) => `w-${i}.whl`) },
      { notice: 'Full provenance' },
      { notice: ['full'] },
      { notice: null },
      { shownVersion: '' },
      { shownVersion: 3 },
      { shownVersion: 'x'.repeat(101) },
    ];
    for (const extra of bad) {
      expect(await router({ type: 'content/verdict', pkg, ...extra }, page), JSON.stringify(extra).slice(0, 60)).toMatchObject({ ok: false, code: 'MSG_MALFORMED' });
    }
  });
});
