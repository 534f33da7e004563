// @vitest-environment happy-dom
// The timeline picture over timelines the real core built from generated, test-CA-signed
// histories: one mark per release, newest first, named in words; flags where provenance began,
// was lost or the publisher changed; details on hover and focus; one Tab stop, arrows to move;
// the notes as text; gaps where a long history was bisected.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineView } from '../shared/messages';
import { Timeline } from './Timeline';
import { EVENTFUL, longHistory, testTimeline } from './test-timelines';

afterEach(cleanup);

let eventful: TimelineView;
let bisected: TimelineView;
beforeAll(async () => {
  eventful = await testTimeline(EVENTFUL);
  bisected = await testTimeline(longHistory(230, 20));
}, 60_000);

const marks = () => within(screen.getByRole('list', { name: 'Releases, newest first' })).getAllByRole('button');
const focused = () => document.activeElement as HTMLElement | null;
const details = (container: Element) => container.querySelector('.pl-tl-detail') as HTMLElement;

describe('release timeline', () => {
  it('draws one mark per release, newest first, each named in words with its verified publisher', () => {
    render(<Timeline timeline={eventful} />);
    expect(marks().map((m) => m.getAttribute('aria-label'))).toEqual([
      '2.1: no provenance; provenance lost',
      '2.0.1: verified, acme/demo · release.yml; publisher changed back',
      '2.0 (yanked): verified, evil/demo · release.yml; publisher changed',
      '1.2: verified, acme/demo · release.yml; files from different sources',
      '1.2rc1 (pre-release): verified, acme/demo · release.yml',
      '1.1: partly verified (1 of 2 files), acme/demo · release.yml',
      '1.0: verified, acme/demo · release.yml; provenance began',
      '0.9: no provenance',
    ]);
    // Shape as well as colour: each status its own glyph and class.
    expect(marks().map((m) => `${m.textContent} ${m.className.match(/pl-tl-(verified|partial|none|invalid|unknown)/)?.[1]}`)).toEqual([
      '○ none',
      '● verified',
      '● verified',
      '● verified',
      '● verified',
      '◐ partial',
      '● verified',
      '○ none',
    ]);
  });

  it('flags each turn beside its release and lists the notes, from verified certificates, as text', () => {
    const { container } = render(<Timeline timeline={eventful} />);
    const flags = [...container.querySelectorAll('.pl-tl-strip li')].map((li) => [...li.querySelectorAll('.pl-tl-flag')].map((f) => f.textContent).join(''));
    expect(flags).toEqual(['−', '↩', '⇄', '≠', '', '', '+', '']);
    const notes = within(container.querySelector('.pl-tl-notes') as HTMLElement).getAllByRole('listitem').map((li) => li.textContent);
    expect(notes).toEqual(eventful.notes);
    expect(notes).toContain('Publisher changed at 2.0 (yanked): acme/demo · release.yml → evil/demo · release.yml');
    expect(notes).toContain('Back to acme/demo · release.yml at 2.0.1');
    expect(notes).toContain('Provenance lost since 2.1 (had it 1.0–2.0.1)');
    expect(screen.getByText(/8 releases checked\. No provenance since 2\.1\./)).toBeTruthy();
    // The legend names only the shapes the strip uses.
    expect(container.querySelector('.pl-tl-legend')?.textContent).toBe(
      '○ no provenance● verified◐ partly verified− provenance lost↩ publisher changed back⇄ publisher changed≠ files from different sources+ provenance began',
    );
  });

  it('has one Tab stop; arrow keys, Home and End move it, and focus shows that release', () => {
    const { container } = render(<Timeline timeline={eventful} />);
    expect(marks().map((m) => m.tabIndex)).toEqual([0, -1, -1, -1, -1, -1, -1, -1]);
    expect(details(container).dataset.release).toBe('2.1');
    marks()[0]?.focus();
    fireEvent.keyDown(marks()[0] as HTMLElement, { key: 'ArrowRight' });
    fireEvent.keyDown(marks()[1] as HTMLElement, { key: 'ArrowRight' });
    expect(focused()).toBe(marks()[2]);
    expect(marks().map((m) => m.tabIndex)).toEqual([-1, -1, 0, -1, -1, -1, -1, -1]);
    const shown = details(container);
    expect(shown.dataset.release).toBe('2.0');
    expect(shown.textContent).toContain('2.0 · 2023-01-06 · yanked');
    expect(within(shown).getByText('evil/demo')).toBeTruthy();
    expect(within(shown).getByText('.github/workflows/release.yml')).toBeTruthy();
    expect(within(shown).getByText('https://token.actions.githubusercontent.com')).toBeTruthy();
    expect(shown.textContent).toContain('Publisher changed at 2.0 (yanked): acme/demo · release.yml → evil/demo · release.yml');
    fireEvent.keyDown(marks()[2] as HTMLElement, { key: 'End' });
    expect(focused()).toBe(marks()[7]);
    fireEvent.keyDown(marks()[7] as HTMLElement, { key: 'ArrowDown' });
    expect(focused()).toBe(marks()[7]);
    fireEvent.keyDown(marks()[7] as HTMLElement, { key: 'Home' });
    expect(focused()).toBe(marks()[0]);
    expect(details(container).dataset.release).toBe('2.1');
  });

  it('shows the details of the mark under the pointer: status in words, counts, pre-release', () => {
    const { container } = render(<Timeline timeline={eventful} />);
    fireEvent.mouseEnter(marks()[5] as HTMLElement);
    expect(details(container).textContent).toContain('partly verified (1 of 2 files)');
    fireEvent.mouseEnter(marks()[4] as HTMLElement);
    expect(details(container).textContent).toMatch(/^1\.2rc1 · \d{4}-\d\d-\d\d · pre-release/);
    fireEvent.mouseEnter(marks()[3] as HTMLElement);
    expect(details(container).textContent).toContain('Inconsistent release 1.2: files built from different refs (refs/tags/v1.2, refs/heads/main)');
  });

  it('marks the stretches a bisected history did not check one by one, and says how much was checked', () => {
    const { container } = render(<Timeline timeline={bisected} />);
    expect(bisected.coverage).toMatchObject({ listed: 230, bisected: true });
    const checked = bisected.coverage.checked;
    expect(checked).toBeLessThan(230);
    expect(marks()).toHaveLength(checked);
    expect(screen.getByText(new RegExp(`^${checked} of 230 releases checked\\.`))).toBeTruthy();
    const gaps = [...container.querySelectorAll('.pl-tl-gap')];
    expect(gaps.length).toBeGreaterThan(0);
    // Never between the newest 100 (each checked), and never across the change it found.
    const order = [...container.querySelectorAll('.pl-tl-strip > li')].map((li) => (li.classList.contains('pl-tl-gap') ? 'gap' : li.querySelector('button')?.dataset.release));
    expect(order.slice(0, 100).includes('gap')).toBe(false);
    const change = marks().find((m) => /publisher changed/.test(m.getAttribute('aria-label') ?? ''));
    expect(change?.getAttribute('aria-label')).toBe('1.0.20: verified, acme/demo · release.yml; publisher changed');
    const at = order.indexOf('1.0.20');
    expect(order[at + 1]).toBe('1.0.19');
    expect(gaps[0]?.textContent).toMatch(/^⋯Not checked one by one: any releases between 1\.0\.\d+ and 1\.0\.\d+, whose publishers agree$/);
    expect(bisected.notes).toContain('Publisher changed at 1.0.20: evil/demo · release.yml → acme/demo · release.yml');
  });

  it('says so when the registry lists no release', async () => {
    render(<Timeline timeline={await testTimeline([])} />);
    expect(screen.getByText('The registry lists no releases of this package.')).toBeTruthy();
  });
});
