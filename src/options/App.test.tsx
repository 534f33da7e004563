// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../shared/messages';
import { createAsk } from '../ui/worker-client';
import { App } from './App';

afterEach(cleanup);

describe('options', () => {
  it('reads and saves the search-badge setting and clears the cache', async () => {
    const sent: Message[] = [];
    const ask = createAsk(async (m) => {
      sent.push(m);
      if (m.type === 'page/settings-get') return { ok: true, value: { searchBadges: true } };
      if (m.type === 'page/settings-set') return { ok: true, value: m.settings };
      return { ok: true, value: { cleared: 12 } };
    });
    render(<App ask={ask} />);
    const box = (await screen.findByRole('checkbox', { name: 'Show badges on search results' })) as HTMLInputElement;
    await screen.findByRole('checkbox', { checked: true });
    fireEvent.click(box);
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(sent[1]).toEqual({ type: 'page/settings-set', settings: { searchBadges: false } });
    fireEvent.click(screen.getByRole('button', { name: 'Clear cache' }));
    expect(await screen.findByText('Cleared 12 cached verdicts.')).toBeTruthy();
  });
});
