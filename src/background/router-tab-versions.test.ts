// The toolbar and the popup show each tab its own release, through the router: a retry or a
// pin change decided for one version never lands on a tab that shows another.
import { describe, expect, it, vi } from 'vitest';
import type { PackageRef, PackageVerdict } from '../core/verdict';
import { NPM_SITE_ORIGIN } from '../registries/npm/hosts';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { IDENTITY } from '../ui/test-verdicts';
import { createPinStore } from './pins';
import { createRouter } from './router';
import type { Sender } from './sender';
import { createSettingsStore } from './settings';
import { createTabState } from './tab-state';
import { fakeStorage } from './testing/fake-storage';

const RUNTIME = 'our-extension-id';
const BASE = 'chrome-extension://our-extension-id/';
const popup: Sender = { id: RUNTIME, url: `${BASE}popup.html` };
const tab = (id: number, url: string): Sender => ({ id: RUNTIME, url, frameId: 0, tab: { id } });
const LATEST = { npm: '2.0.0', pypi: '2.0' };
const GH = 'https://token.actions.githubusercontent.com';

/** A verdict service that is `invalid` for the versions in `failing`, and checks the pin like the real one. */
function setup(failing: Set<string>) {
  const storage = fakeStorage();
  const pins = createPinStore(storage);
  const asked: { version: string | undefined; fresh: boolean }[] = [];
  const badge = new Map<number, string>();
  const router = createRouter({
    runtimeId: RUNTIME,
    extensionBase: BASE,
    verdicts: {
      async getVerdict(pkg: PackageRef, options) {
        asked.push({ version: pkg.version, fresh: options?.fresh === true });
        const base = { pkg: { ...pkg, version: pkg.version ?? LATEST[pkg.registry] }, files: [], checkedAt: 1 };
        const pin = await pins.get(pkg);
        if (pin && pin.repository !== IDENTITY.repository) return { ...base, status: 'invalid', code: 'IDENTITY_PIN', message: 'pinned elsewhere' };
        if (failing.has(base.pkg.version)) return { ...base, status: 'invalid', code: 'SUBJECT_DIGEST', message: 'm' };
        return { ...base, status: 'verified', identity: IDENTITY, attestations: [] } satisfies PackageVerdict;
      },
    },
    tabs: createTabState({
      setBadgeText: async ({ tabId, text }) => void badge.set(tabId, text),
      setBadgeBackgroundColor: async () => undefined,
      setTitle: async () => undefined,
    }),
    settings: createSettingsStore(storage),
    cache: { clear: async () => 0 },
    pins,
  });
  const shown = async (tabId: number) => {
    const reply = await router({ type: 'page/active-verdict', tabId }, popup);
    const value = reply.ok ? (reply.value as { pkg: PackageRef; verdict: PackageVerdict } | null) : null;
    return value && { version: value.pkg.version, verdictFor: value.verdict.pkg.version, status: value.verdict.status, badge: badge.get(tabId) };
  };
  /** A content script asks, and the tab state records the answer (after the reply). */
  const visit = async (tabId: number, url: string, pkg: PackageRef) => {
    expect(await router({ type: 'content/verdict', pkg }, tab(tabId, url))).toMatchObject({ ok: true });
    await vi.waitFor(async () => expect(await shown(tabId)).not.toBeNull());
  };
  return { router, asked, shown, visit };
}

describe('router: each tab keeps its own release', () => {
  it('keeps a latest tab resolved to 2.0.0 (invalid) when 1.0.0 is retried and verifies', async () => {
    const { router, shown, visit } = setup(new Set(['2.0.0']));
    await visit(7, new URL('/package/demo', NPM_SITE_ORIGIN).href, { registry: 'npm', name: 'demo' });
    const retried = await router({ type: 'page/retry', pkg: { registry: 'npm', name: 'demo', version: '1.0.0' } }, popup);
    expect(retried).toMatchObject({ ok: true, value: { status: 'verified', pkg: { version: '1.0.0' } } });
    expect(await shown(7)).toEqual({ version: '2.0.0', verdictFor: '2.0.0', status: 'invalid', badge: '!' });
  });

  it("tells the popup a latest tab's version, so its retry asks about that version", async () => {
    const failing = new Set(['2.0.0']);
    const { router, asked, shown, visit } = setup(failing);
    await visit(7, new URL('/package/demo?activeTab=code', NPM_SITE_ORIGIN).href, { registry: 'npm', name: 'demo' });
    failing.clear(); // the registry's trouble is over
    await router({ type: 'page/retry', pkg: { registry: 'npm', name: 'demo', version: (await shown(7))?.version } }, popup);
    expect(asked.at(-1)).toEqual({ version: '2.0.0', fresh: true });
    expect(await shown(7)).toEqual({ version: '2.0.0', verdictFor: '2.0.0', status: 'verified', badge: '✓' });
  });

  it('re-judges every tab of a package with its own version when its pin changes (PyPI names in any spelling)', async () => {
    const { router, asked, shown, visit } = setup(new Set());
    await visit(7, new URL('/project/Sample.Project/', PYPI_ORIGIN).href, { registry: 'pypi', name: 'Sample.Project' });
    await visit(8, new URL('/project/sample_project/1.0/', PYPI_ORIGIN).href, { registry: 'pypi', name: 'sample_project', version: '1.0' });
    await visit(9, new URL('/project/other/1.0/', PYPI_ORIGIN).href, { registry: 'pypi', name: 'other', version: '1.0' });
    asked.length = 0;
    const pin = { issuer: GH, repository: 'evil/demo', workflowPath: '.github/workflows/release.yml' };
    const set = await router({ type: 'page/pin-set', pkg: { registry: 'pypi', name: 'SAMPLE-project', version: '2.0' }, pin }, popup);
    expect(set).toMatchObject({ ok: true, value: { verdict: { status: 'invalid', code: 'IDENTITY_PIN', pkg: { version: '2.0' } } } });
    expect(asked.map((a) => a.version).sort()).toEqual(['1.0', '2.0']);
    expect(await shown(7)).toEqual({ version: '2.0', verdictFor: '2.0', status: 'invalid', badge: '!' });
    expect(await shown(8)).toEqual({ version: '1.0', verdictFor: '1.0', status: 'invalid', badge: '!' });
    expect(await shown(9)).toMatchObject({ status: 'verified', badge: '✓' });
    // Unpinned without a version: no verdict to answer, yet each tab is judged again.
    const removed = await router({ type: 'page/pin-remove', pkg: { registry: 'pypi', name: 'sample.project' } }, popup);
    expect(removed).toEqual({ ok: true, value: { removed: true, verdict: null } });
    expect([(await shown(7))?.badge, (await shown(8))?.badge]).toEqual(['✓', '✓']);
  });
});
