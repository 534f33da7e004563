// @vitest-environment happy-dom
// The Release history fold: nothing is asked until it is opened; then "Reading the release
// list…", "Checking N releases…" from the worker's progress, and the timeline; "couldn't check"
// with a way to try again; the package page's own history only; no write after it is gone.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Message, TimelineAnswer, TimelineView } from '../shared/messages';
import { EVENTFUL, testTimeline } from './test-timelines';
import { PROGRESS_POLL_MS, TimelineFold, timelineLoader } from './TimelineFold';
import { createAsk } from './worker-client';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

let timeline: TimelineView;
beforeAll(async () => {
  timeline = await testTimeline(EVENTFUL);
}, 60_000);

/** A fake worker whose timeline answer the test releases; progress asks see `listed`. */
function fakeWorker(reply: () => unknown) {
  const sent: Message[] = [];
  let listed: number | undefined;
  let answer: (value: unknown) => void = () => undefined;
  const ask = createAsk(async (m) => {
    sent.push(m);
    if (m.type === 'page/timeline' && m.progress) return { ok: true, value: listed === undefined ? { kind: 'checking' } : { kind: 'checking', listed } };
    return new Promise((resolve) => (answer = () => resolve(reply())));
  });
  return { ask, sent, list: (n: number) => (listed = n), answer: () => answer(undefined) };
}

const open = () => fireEvent.click(screen.getByText('Release history'));
const ok = (value: TimelineAnswer) => ({ ok: true, value });

describe('Release history fold', () => {
  it('asks nothing until opened, then shows progress and the timeline', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const worker = fakeWorker(() => ok({ kind: 'timeline', timeline }));
    render(<TimelineFold load={timelineLoader(worker.ask, 'page/timeline', { registry: 'pypi', name: 'demo' })} />);
    await vi.advanceTimersByTimeAsync(PROGRESS_POLL_MS * 3);
    expect(worker.sent).toEqual([]);
    open();
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Reading the release list…');
    expect(worker.sent).toEqual([{ type: 'page/timeline', pkg: { registry: 'pypi', name: 'demo' } }]);
    worker.list(8);
    await vi.advanceTimersByTimeAsync(PROGRESS_POLL_MS + 10);
    expect(screen.getByRole('status').textContent).toBe('Checking 8 releases…');
    expect(worker.sent).toContainEqual({ type: 'page/timeline', pkg: { registry: 'pypi', name: 'demo' }, progress: true });
    worker.answer();
    expect(await screen.findByRole('list', { name: 'Releases, newest first' })).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
    // Done: no more progress asks, and closing and opening again asks nothing.
    const asked = worker.sent.length;
    await vi.advanceTimersByTimeAsync(PROGRESS_POLL_MS * 3);
    open();
    open();
    expect(worker.sent).toHaveLength(asked);
  });

  it("says it couldn't check, and asks again on Try again", async () => {
    let first = true;
    const worker = fakeWorker(() => {
      const reply = first ? ok({ kind: 'unavailable', code: 'FETCH_TIMEOUT', message: 'no answer' }) : ok({ kind: 'timeline', timeline });
      first = false;
      return reply;
    });
    render(<TimelineFold load={timelineLoader(worker.ask, 'page/timeline', { registry: 'pypi', name: 'demo' })} />);
    open();
    worker.answer();
    expect(await screen.findByText(/^Couldn't check the release history\./)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    worker.answer();
    expect(await screen.findByRole('list', { name: 'Releases, newest first' })).toBeTruthy();
  });

  it("in the panel, asks as the page (content/timeline), and on another page says where the history is", async () => {
    const worker = fakeWorker(() => ({ ok: false, code: 'MSG_NOT_A_PACKAGE_PAGE', message: 'release history only on a package page' }));
    render(<TimelineFold load={timelineLoader(worker.ask, 'content/timeline', { registry: 'npm', name: 'demo', version: '1.0.0' } as never)} />);
    open();
    worker.answer();
    expect(await screen.findByText("The release history is shown on the package's own page.")).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    // Only the name goes: a timeline is the package's, whichever release the page shows.
    expect(worker.sent[0]).toEqual({ type: 'content/timeline', pkg: { registry: 'npm', name: 'demo' } });
  });

  it('stops asking once it is gone', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const worker = fakeWorker(() => ok({ kind: 'timeline', timeline }));
    const { unmount } = render(<TimelineFold load={timelineLoader(worker.ask, 'page/timeline', { registry: 'pypi', name: 'demo' })} />);
    open();
    await vi.advanceTimersByTimeAsync(PROGRESS_POLL_MS + 10);
    expect(worker.sent.filter((m) => m.type === 'page/timeline' && m.progress)).toHaveLength(1);
    unmount();
    worker.answer();
    await vi.advanceTimersByTimeAsync(PROGRESS_POLL_MS * 4);
    expect(worker.sent).toHaveLength(2);
  });

  it('holds the worker\'s attention only while its ask is out: let go on the answer, and when it is gone mid-build', async () => {
    const events: string[] = [];
    const hold = () => (events.push('hold'), () => void events.push('release'));
    const answered = fakeWorker(() => ok({ kind: 'timeline', timeline }));
    const first = render(<TimelineFold hold={hold} load={timelineLoader(answered.ask, 'page/timeline', { registry: 'pypi', name: 'demo' })} />);
    expect(events).toEqual([]);
    open();
    expect(events).toEqual(['hold']);
    answered.answer();
    await screen.findByRole('list', { name: 'Releases, newest first' });
    expect(events).toEqual(['hold', 'release']);
    first.unmount();
    expect(events).toEqual(['hold', 'release']);

    // Closed while the worker still builds: the hold goes with it, once.
    events.length = 0;
    const waiting = fakeWorker(() => ok({ kind: 'timeline', timeline }));
    const second = render(<TimelineFold hold={hold} load={timelineLoader(waiting.ask, 'page/timeline', { registry: 'pypi', name: 'demo' })} />);
    open();
    second.unmount();
    waiting.answer();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events).toEqual(['hold', 'release']);
  });
});
