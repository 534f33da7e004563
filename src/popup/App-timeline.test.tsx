// @vitest-environment happy-dom
// The popup's Release history: a fold below the verdict that asks the worker for the package's
// timeline (by name, whatever release the tab shows) only when opened.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../shared/messages';
import { EVENTFUL, testTimeline } from '../ui/test-timelines';
import { VERDICTS } from '../ui/test-verdicts';
import { createAsk } from '../ui/worker-client';
import { App } from './App';

afterEach(cleanup);

describe('popup: Release history', () => {
  it('asks for the shown package timeline only when opened, then draws it', async () => {
    const timeline = await testTimeline(EVENTFUL);
    const sent: Message[] = [];
    const verdict = VERDICTS.verified;
    const ask = createAsk(async (m) => {
      sent.push(m);
      if (m.type === 'page/active-verdict') return { ok: true, value: { pkg: verdict.pkg, verdict } };
      if (m.type === 'page/timeline') return { ok: true, value: { kind: 'timeline', timeline } };
      return { ok: false, code: 'MSG_UNKNOWN_TYPE', message: 'not faked' };
    });
    render(<App ask={ask} activeTabId={async () => 7} />);
    const summary = await screen.findByText('Release history');
    expect(sent.some((m) => m.type === 'page/timeline')).toBe(false);
    fireEvent.click(summary);
    expect(await screen.findByRole('list', { name: 'Releases, newest first' })).toBeTruthy();
    expect(sent.filter((m) => m.type === 'page/timeline')).toEqual([{ type: 'page/timeline', pkg: { registry: verdict.pkg.registry, name: verdict.pkg.name } }]);
    expect(screen.getByText('Publisher changed at 2.0 (yanked): acme/demo · release.yml → evil/demo · release.yml')).toBeTruthy();
  }, 60_000);
});
