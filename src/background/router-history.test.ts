// A package page's release history asks for its releases' verdicts through the router: only the
// releases of the package the tab shows, within a per-package budget, without touching the
// tab's own record (the toolbar button and the popup speak of the page's release, not the rows).
import { describe, expect, it } from 'vitest';
import type { PackageRef, PackageVerdict } from '../core/verdict';
import { NPM_SITE_ORIGIN } from '../registries/npm/hosts';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { createPinStore } from './pins';
import { createReleaseBudget, RELEASES_PER_PACKAGE } from './release-verdicts';
import { createRouter } from './router';
import type { Sender } from './sender';
import { createSettingsStore } from './settings';
import { createTabState } from './tab-state';
import { fakeStorage } from './testing/fake-storage';

const RUNTIME = 'our-extension-id';
const BASE = 'chrome-extension://our-extension-id/';
const popup: Sender = { id: RUNTIME, url: `${BASE}popup.html` };
const tab = (url: string): Sender => ({ id: RUNTIME, url, frameId: 0, tab: { id: 7, url } });
const pypiPage = (path: string) => tab(new URL(path, PYPI_ORIGIN).href);
const npmPage = (path: string) => tab(new URL(path, NPM_SITE_ORIGIN).href);
const pypi = (name: string, version?: string): PackageRef => (version ? { registry: 'pypi', name, version } : { registry: 'pypi', name });
const npm = (name: string, version: string): PackageRef => ({ registry: 'npm', name, version });

function setup(budget = createReleaseBudget()) {
  const asked: string[] = [];
  const storage = fakeStorage();
  const router = createRouter({
    runtimeId: RUNTIME,
    extensionBase: BASE,
    verdicts: {
      async getVerdict(pkg) {
        asked.push(`${pkg.name}@${pkg.version ?? ''}`);
        return { pkg: { ...pkg, version: pkg.version ?? '9' }, files: [], checkedAt: 1, status: 'none' } satisfies PackageVerdict;
      },
    },
    tabs: createTabState({ setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined, setTitle: async () => undefined }),
    settings: createSettingsStore(storage),
    cache: { clear: async () => 0 },
    pins: createPinStore(storage),
    releases: budget,
  });
  const batch = (pkgs: PackageRef[], sender: Sender) => router({ type: 'content/search-verdicts', pkgs }, sender);
  const codes = (reply: Awaited<ReturnType<typeof batch>>) => (reply.ok ? (reply.value as { ok: boolean; code?: string }[]).map((r) => (r.ok ? 'ok' : r.code)) : reply.code);
  return { router, asked, batch, codes };
}

describe('router: release history verdicts', () => {
  it("answers a project page's releases, on a latest page and on a release page, in any spelling of the name", async () => {
    const { asked, batch, codes } = setup();
    expect(codes(await batch([pypi('Sample_Project', '3.0.0'), pypi('sample-project', '2.0')], pypiPage('/project/sample-project/')))).toEqual(['ok', 'ok']);
    expect(codes(await batch([npm('@scope/pkg', '1.0.0')], npmPage('/package/@scope/pkg/v/2.0.0?activeTab=versions')))).toEqual(['ok']);
    expect(asked).toEqual(['Sample_Project@3.0.0', 'sample-project@2.0', '@scope/pkg@1.0.0']);
  });

  it('refuses a batch naming another package, another registry or no version, asking nothing', async () => {
    const { asked, batch, codes } = setup();
    const page = pypiPage('/project/sampleproject/4.0.0/');
    for (const pkgs of [[pypi('sampleproject', '3.0.0'), pypi('requests', '1.0')], [pypi('sampleproject')], [npm('sampleproject', '1.0.0')]]) {
      expect(codes(await batch(pkgs, page))).toBe('MSG_FORBIDDEN_SENDER');
    }
    // A release whose version is outside the registry grammar is refused on its own.
    expect(codes(await batch([pypi('sampleproject', 'not a version'), pypi('sampleproject', '3.0.0')], page))).toEqual(['MSG_BAD_PACKAGE', 'ok']);
    expect(asked).toEqual(['sampleproject@3.0.0']);
  });

  it('leaves the tab record to the page: the popup still finds no package on a page that asked only for releases', async () => {
    const { router, batch, codes } = setup();
    expect(codes(await batch([pypi('sampleproject', '3.0.0')], pypiPage('/project/sampleproject/')))).toEqual(['ok']);
    expect(await router({ type: 'page/active-verdict', tabId: 7 }, popup)).toEqual({ ok: true, value: null });
  });

  it('checks at most the budget of new releases per package; releases already asked for stay free', async () => {
    let t = 0;
    const { asked, batch, codes } = setup(createReleaseBudget({ perPackage: 2, windowMs: 1000, now: () => t }));
    const page = npmPage('/package/demo?activeTab=versions');
    expect(codes(await batch([npm('demo', '1.0.0'), npm('demo', '2.0.0'), npm('demo', '3.0.0')], page))).toEqual(['ok', 'ok', 'MSG_FORBIDDEN_SENDER']);
    expect(codes(await batch([npm('demo', '2.0.0')], page))).toEqual(['ok']);
    // Another package has its own budget.
    expect(codes(await batch([npm('other', '3.0.0')], npmPage('/package/other?activeTab=versions')))).toEqual(['ok']);
    t = 1000; // a new window
    expect(codes(await batch([npm('demo', '3.0.0')], page))).toEqual(['ok']);
    expect(asked).toEqual(['demo@1.0.0', 'demo@2.0.0', 'demo@2.0.0', 'other@3.0.0', 'demo@3.0.0']);
  });

  it('gives one budget to every spelling of a PyPI name, and forgets the oldest package first', () => {
    const budget = createReleaseBudget({ perPackage: 1, maxPackages: 2, now: () => 0 });
    expect(budget.take(pypi('Foo.Bar', '1'))).toBe(true);
    expect(budget.take(pypi('foo_bar', '2'))).toBe(false);
    expect(budget.take(pypi('b', '1'))).toBe(true);
    expect(budget.take(pypi('c', '1'))).toBe(true); // foo-bar's window is dropped to make room
    expect(budget.take(pypi('foo-bar', '2'))).toBe(true);
    expect(RELEASES_PER_PACKAGE).toBeGreaterThanOrEqual(50);
  });
});
