// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { PackageVerdict } from '../core/verdict';
import type { Message } from '../shared/messages';
import { createAsk } from '../ui/worker-client';
import { VERDICTS } from '../ui/test-verdicts';
import { App } from './App';

afterEach(cleanup);

/** A fake worker: the active tab shows `verdict`; other messages answer as the real one would. */
function fakeWorker(verdict: PackageVerdict, overrides: Partial<Record<Message['type'], (m: Message) => unknown>> = {}) {
  const sent: Message[] = [];
  const ask = createAsk(async (m) => {
    sent.push(m);
    const override = overrides[m.type];
    if (override !== undefined) return override(m);
    switch (m.type) {
      case 'page/active-verdict':
        return { ok: true, value: { pkg: verdict.pkg, verdict } };
      case 'page/pin-get':
        return { ok: true, value: { pin: null, seen: [] } };
      case 'page/about':
        return { ok: true, value: { version: '0.3.0', trustedRootDate: '2025-09-23T00:00:00.000Z' } };
      default:
        return { ok: false, code: 'MSG_UNKNOWN_TYPE', message: 'not faked' };
    }
  });
  return { ask, sent };
}

describe('popup', () => {
  it('asks for the active tab and shows its verdict, its pin state and the About section', async () => {
    const { ask, sent } = fakeWorker(VERDICTS.verified);
    render(<App ask={ask} activeTabId={async () => 7} />);
    expect(await screen.findByText('Verified · octo/widgets')).toBeTruthy();
    expect(await screen.findByText('Trusted root snapshot: 2025-09-23')).toBeTruthy();
    expect(screen.getByText('Provenance Lens 0.3.0')).toBeTruthy();
    expect(sent).toContainEqual({ type: 'page/active-verdict', tabId: 7 });
    expect(await screen.findByRole('button', { name: /^Pin this package to octo\/widgets/ })).toBeTruthy();
    expect(sent).toContainEqual({ type: 'page/pin-get', pkg: { registry: 'pypi', name: 'widgets' } });
  });

  it('points to package pages when the tab is not one, and still says which version runs', async () => {
    const { ask, sent } = fakeWorker(VERDICTS.verified, { 'page/active-verdict': () => ({ ok: true, value: null }) });
    render(<App ask={ask} activeTabId={async () => 7} />);
    expect(await screen.findByText('Open a PyPI or npm package page to see its provenance.')).toBeTruthy();
    expect(await screen.findByText('Provenance Lens 0.3.0')).toBeTruthy();
    expect(sent.some((m) => m.type === 'page/pin-get')).toBe(false);
  });

  it('shows a check still running as checking, and the verdict once the worker has it', async () => {
    let asks = 0;
    const { ask } = fakeWorker(VERDICTS.verified, {
      'page/active-verdict': () => (++asks < 3 ? { ok: true, value: { pkg: VERDICTS.verified.pkg, checking: true } } : { ok: true, value: { pkg: VERDICTS.verified.pkg, verdict: VERDICTS.verified } }),
    });
    render(<App ask={ask} activeTabId={async () => 7} />);
    expect(await screen.findByText('Verifying the attestations…')).toBeTruthy();
    expect(screen.queryByText('Open a PyPI or npm package page to see its provenance.')).toBeNull();
    expect(await screen.findByText('Verified · octo/widgets', {}, { timeout: 3000 })).toBeTruthy();
    expect(asks).toBe(3);
  });

  it('says when the worker cannot tell its version', async () => {
    const { ask } = fakeWorker(VERDICTS.verified, { 'page/about': () => ({ ok: false, code: 'MSG_FORBIDDEN_SENDER', message: 'x' }) });
    render(<App ask={ask} activeTabId={async () => 7} />);
    expect(await screen.findByText('This part of the extension may not ask for that.')).toBeTruthy();
  });

  it('retries an unavailable verdict with page/retry', async () => {
    const { ask, sent } = fakeWorker(VERDICTS.unavailable, { 'page/retry': () => ({ ok: true, value: VERDICTS.verified }) });
    render(<App ask={ask} activeTabId={async () => 3} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Verified · octo/widgets')).toBeTruthy();
    // With its tab: the worker answers the verdict as it holds for that tab's page.
    expect(sent).toContainEqual({ type: 'page/retry', pkg: VERDICTS.unavailable.pkg, tabId: 3 });
  });
});
