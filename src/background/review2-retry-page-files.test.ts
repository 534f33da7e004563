// REGRESSION (review 2 of issue 14, finding F1, unit level; e2e: e2e/attack/review2-unlisted-retry.spec.ts): a
// PyPI page lists a file the JSON API does not (FETCH_UNLISTED): the page's answer and the tab's
// toolbar record are "couldn't check". The popup's Retry (page/retry) answers, and writes into the
// tab's record, the registry's verdict alone, which knows nothing of the page's files: the popup
// and the toolbar say verified for a release whose page lists a file nobody checked (until the
// page's own re-ask lands, and in the popup for as long as it is open).
// Now: a verdict decided anew for a tab keeps what the tab's page listed: still couldn't check, in
// the tab's record and in the reply to the popup, which names its tab.
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
const BASE = 'chrome-extension://our-extension-id/';
const page: Sender = { id: RUNTIME, url: new URL('/project/widgets/1.2.0/', PYPI_ORIGIN).href, frameId: 0, tab: { id: 7 } };
const popup: Sender = { id: RUNTIME, url: `${BASE}src/popup/index.html` };
const pkg: PackageRef = { registry: 'pypi', name: 'widgets', version: '1.2.0' };

describe('popup retry on a page listing a file the API does not', () => {
  it('neither the retry reply nor the tab record says verified', async () => {
    const verified = VERDICTS.verified as PackageVerdict;
    const listed = verified.files.map((f) => f.filename);
    const noBadge: BadgeApi = { setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined, setTitle: async () => undefined };
    const told: number[] = [];
    const tabs = createTabState(noBadge, undefined, (id) => told.push(id));
    const storage = fakeStorage();
    const router = createRouter({
      runtimeId: RUNTIME,
      extensionBase: BASE,
      verdicts: { getVerdict: async () => verified },
      tabs,
      settings: createSettingsStore(storage),
      cache: { clear: async () => 0 },
      pins: createPinStore(storage),
    });
    const files = [...listed, 'widgets-1.2.0-cp313-cp313-win_amd64.whl'];
    expect(await router({ type: 'content/verdict', pkg, files }, page)).toMatchObject({ ok: true, value: { status: 'unavailable', code: 'FETCH_UNLISTED' } });
    await expect.poll(async () => (await tabs.get(7))?.verdict.status).toBe('unavailable');

    const retried = await router({ type: 'page/retry', pkg, tabId: 7 }, popup);
    const record = (await tabs.get(7))?.verdict.status;
    expect({ reply: retried.ok ? (retried.value as PackageVerdict).status : retried.code, record }).toEqual({ reply: 'unavailable', record: 'unavailable' });
  });
});
