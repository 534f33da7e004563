// @vitest-environment happy-dom
// A search result's badge is sent its verdict abridged (no files, no log entries). Its details
// panel never shows that copy as if whole: it says it is loading, asks the worker once for the
// whole verdict (`details: true`) and shows it; the badge keeps its verdict meanwhile; a retry
// from the panel asks whole again. Also for a result that took a told verdict at the start.
import '../testing/idle-callback';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PackageVerdict } from '../core/verdict';
import type { Message } from '../shared/messages';
import { abridgedForBadge } from '../background/abridged-verdict';
import { createAsk } from '../ui/worker-client';
import { FILENAMES, VERDICTS } from '../ui/test-verdicts';
import { keepEarlyReply } from './early-start';
import { listenForEarlyVerdict } from './early-verdict';
import { pypiSite } from './pypi-site';
import { runSite } from './site-runner';
import { el } from '../testing/dom-el';

const WHOLE: PackageVerdict = { ...VERDICTS.verified, pkg: { registry: 'pypi', name: 'widgets', version: '1.2.0' } };
const LOG_INDEX = VERDICTS.verified.status === 'verified' ? VERDICTS.verified.attestations[0]!.log!.logIndex : '';

const sent: Message[] = [];
let stop: () => void = () => undefined;
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const badge = () => document.querySelector('provenance-lens-badge') as HTMLElement | null;
const dialog = () => document.querySelector('provenance-lens-panel')?.shadowRoot?.querySelector('dialog');
const detailAsks = () => sent.filter((m) => m.type === 'content/search-verdicts' && m.details === true);

/** The worker: batches answered abridged at once; whole answers when `deliver` is called. */
function worker() {
  const pending: ((v: PackageVerdict) => void)[] = [];
  const ask = createAsk(async (m) => {
    sent.push(m);
    if (m.type === 'content/settings') return { ok: true, value: { searchBadges: true } };
    if (m.type === 'content/panel') {
      // What the worker does for content/panel: panel.js runs in this world and registers itself.
      await import('./panel-script');
      return { ok: true, value: true };
    }
    if (m.type === 'content/search-verdicts' && m.details !== true) return { ok: true, value: m.pkgs.map(() => ({ ok: true, value: abridgedForBadge(WHOLE) })) };
    if (m.type === 'content/search-verdicts') return new Promise((resolve) => pending.push((v) => resolve({ ok: true, value: [{ ok: true, value: v }] })));
    return new Promise(() => undefined);
  });
  return { ask, deliver: (v: PackageVerdict = WHOLE) => pending.shift()?.(v) };
}

async function openPanel(): Promise<void> {
  await vi.waitFor(() => expect(badge()?.getAttribute('data-provenance-status')).toBe('verified'));
  badge()?.shadowRoot?.querySelector<HTMLButtonElement>('.pl-badge')?.click();
  await vi.waitFor(() => expect(dialog()).toBeTruthy());
}

beforeEach(() => {
  sent.length = 0;
  history.replaceState(null, '', '/search/?q=widgets');
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 0, 100, 20));
  document.body.replaceChildren(el('a', { class: 'package-snippet', href: '/project/widgets/' }, el('span', { class: 'package-snippet__name' }, 'widgets')));
});
afterEach(() => {
  stop();
  vi.restoreAllMocks();
  document.body.replaceChildren();
  document.querySelector('provenance-lens-panel')?.remove();
});

describe("a search result's details panel", () => {
  it('says it is loading, asks once for the whole verdict, then shows its files and log entry', async () => {
    const w = worker();
    stop = runSite(pypiSite, w.ask);
    await openPanel();
    await tick();
    expect(dialog()?.textContent).toContain('Verifying the attestations');
    expect(dialog()?.textContent).not.toContain(FILENAMES.wheel);
    expect(detailAsks()).toEqual([{ type: 'content/search-verdicts', pkgs: [{ registry: 'pypi', name: 'widgets' }], details: true }]);
    // The badge keeps its verdict while the whole one comes.
    expect(badge()?.getAttribute('data-provenance-status')).toBe('verified');
    w.deliver();
    await vi.waitFor(() => expect(dialog()?.textContent).toContain(FILENAMES.wheel));
    expect(dialog()?.textContent).toContain(LOG_INDEX);
    expect(dialog()?.textContent).not.toContain('Verifying the attestations');
    expect(detailAsks()).toHaveLength(1);
  });

  it('a whole verdict that differs from the badge is what both show: the badge follows the panel', async () => {
    const w = worker();
    stop = runSite(pypiSite, w.ask);
    await openPanel();
    w.deliver({ ...VERDICTS.invalid, pkg: WHOLE.pkg });
    await vi.waitFor(() => expect(badge()?.getAttribute('data-provenance-status')).toBe('invalid'));
  });

  it("the panel's retry asks for the whole verdict again", async () => {
    const w = worker();
    stop = runSite(pypiSite, w.ask);
    await openPanel();
    // Couldn't check this time (the registry timed out): the panel offers a retry.
    w.deliver({ ...VERDICTS.unavailable, pkg: WHOLE.pkg });
    await vi.waitFor(() => expect(badge()?.getAttribute('data-provenance-status')).toBe('unavailable'));
    const retry = Array.from(dialog()?.querySelectorAll('button') ?? []).find((b) => /retry|check again/i.test(b.textContent ?? ''));
    expect(retry, 'a retry button in the panel').toBeTruthy();
    // happy-dom's ShadowRoot.activeElement throws while focus is in another shadow root (the
    // panel's), which the badge's own retry reads as it goes: focus is put back on the page first.
    (document.querySelector('provenance-lens-panel')?.shadowRoot?.activeElement as HTMLElement | null)?.blur();
    retry?.click();
    // The press shows that it is checking, on the badge and in the panel, until the answer.
    expect(badge()?.getAttribute('data-provenance-status')).toBe('loading');
    await vi.waitFor(() => expect(dialog()?.textContent).toContain('Verifying the attestations'));
    await vi.waitFor(() => expect(detailAsks()).toHaveLength(2));
    w.deliver();
    await vi.waitFor(() => expect(dialog()?.textContent).toContain(FILENAMES.wheel));
    expect(badge()?.getAttribute('data-provenance-status')).toBe('verified');
  });

  it('a result that took its told verdict at the start asks for the whole one when opened', async () => {
    let deliverTold: (v: unknown) => void = () => undefined;
    keepEarlyReply(new Promise((resolve) => (deliverTold = resolve)));
    listenForEarlyVerdict();
    const w = worker();
    stop = runSite(pypiSite, w.ask);
    deliverTold({ ok: true, value: [{ asked: { registry: 'pypi', name: 'widgets' }, verdict: abridgedForBadge(WHOLE) }] });
    await openPanel();
    // The told verdict was the badge's answer: no batch was asked, only the panel's whole one.
    expect(sent.filter((m) => m.type === 'content/search-verdicts').map((m) => m.type === 'content/search-verdicts' && m.details)).toEqual([true]);
    w.deliver();
    await vi.waitFor(() => expect(dialog()?.textContent).toContain(LOG_INDEX));
  });
});
