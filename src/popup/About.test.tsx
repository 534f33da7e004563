// @vitest-environment happy-dom
// The About section names the trust material and says plainly when it is stale.
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { AboutInfo } from '../shared/messages';
import { createAsk } from '../ui/worker-client';
import { About } from './About';

afterEach(cleanup);

function renderAbout(value: AboutInfo) {
  const ask = createAsk(async (m) => (m.type === 'page/about' ? { ok: true, value } : { ok: false, code: 'MSG_UNKNOWN_TYPE', message: 'x' }));
  render(<About ask={ask} />);
}

describe('About: trust material', () => {
  it('refreshed material: its TUF versions and refresh date, not stale', async () => {
    renderAbout({
      version: '0.1.0',
      trustedRootDate: '2026-12-05T10:00:00.000Z',
      trust: { source: 'tuf', rootVersion: 16, targetsVersion: 12, refreshedAt: '2026-12-05T10:00:00.000Z', stale: false },
    });
    expect(await screen.findByText('Trust material: Sigstore TUF root v16, targets v12')).toBeTruthy();
    expect(screen.getByText('Last refreshed: 2026-12-05')).toBeTruthy();
    expect(screen.queryByText(/Stale/)).toBeNull();
  });

  it('the embedded snapshot never refreshed and old: says so', async () => {
    renderAbout({ version: '0.1.0', trustedRootDate: '2026-10-07T19:27:31.000Z', trust: { source: 'embedded', stale: true } });
    expect(await screen.findByText('Trust material: embedded snapshot of 2026-10-07')).toBeTruthy();
    expect(screen.getByText('Last refreshed: never')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Stale: not refreshed for more than 7 days.');
  });

  it('a failed refresh: stale, with when and the reason code', async () => {
    renderAbout({
      version: '0.1.0',
      trustedRootDate: '2026-12-01T00:00:00.000Z',
      trust: {
        source: 'tuf',
        rootVersion: 16,
        targetsVersion: 12,
        refreshedAt: '2026-12-01T00:00:00.000Z',
        lastFailure: { at: '2026-12-03T00:00:00.000Z', reason: 'TUF_EXPIRED' },
        stale: true,
      },
    });
    expect((await screen.findByRole('status')).textContent).toBe('Stale: the last refresh, 2026-12-03, failed (TUF_EXPIRED).');
    expect(screen.getByText('Last refreshed: 2026-12-01')).toBeTruthy();
  });
});
