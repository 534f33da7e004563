// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../shared/messages';
import { createAsk } from '../ui/worker-client';
import { VERDICTS } from '../ui/test-verdicts';
import { App } from './App';

afterEach(cleanup);

describe('popup', () => {
  it('asks for the active tab and shows its verdict', async () => {
    const sent: Message[] = [];
    const ask = createAsk(async (m) => {
      sent.push(m);
      return { ok: true, value: { pkg: VERDICTS.verified.pkg, verdict: VERDICTS.verified } };
    });
    render(<App ask={ask} activeTabId={async () => 7} />);
    expect(await screen.findByText('Verified · octo/widgets')).toBeTruthy();
    expect(sent).toEqual([{ type: 'page/active-verdict', tabId: 7 }]);
  });

  it('points to package pages when the tab is not one', async () => {
    render(<App ask={createAsk(async () => ({ ok: true, value: null }))} activeTabId={async () => 7} />);
    expect(await screen.findByText('Open a package page on pypi.org or npmjs.com')).toBeTruthy();
  });

  it('retries an unavailable verdict with page/retry', async () => {
    const sent: Message[] = [];
    const ask = createAsk(async (m) => {
      sent.push(m);
      if (m.type === 'page/retry') return { ok: true, value: VERDICTS.verified };
      return { ok: true, value: { pkg: VERDICTS.unavailable.pkg, verdict: VERDICTS.unavailable } };
    });
    render(<App ask={ask} activeTabId={async () => 3} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Verified · octo/widgets')).toBeTruthy();
    expect(sent[1]).toEqual({ type: 'page/retry', pkg: VERDICTS.unavailable.pkg });
  });
});
