// "Release history": a fold that asks the worker for the package's timeline only when it is
// opened (a timeline is hundreds of requests: nothing runs for a reader who never looks), says
// how many releases it is checking meanwhile, then draws the timeline. Shared by the popup and
// the in-page panel, each passing how it asks; a class component, so the panel ships no hooks.
import { Component, createRef } from 'preact';
import { codeText } from '../shared/code-text';
import type { PackageName, TimelineAnswer, TimelineView } from '../shared/messages';
import { Fold } from './Fold';
import { Timeline } from './Timeline';
import { checkingText } from './timeline-text';
import type { Ask, Outcome } from './worker-client';

/** Asks for the timeline; with `progress`, only how far its build is. */
export type TimelineLoad = (progress: boolean) => Promise<Outcome<TimelineAnswer>>;

/** Tells the worker this view still waits (worker-client's holdTimeline); returns the release. */
export type TimelineHold = () => () => void;

interface FoldProps {
  load: TimelineLoad;
  /** Without one, the worker is never told that the view went away (tests of the fold alone). */
  hold?: TimelineHold;
}

export function timelineLoader(ask: Ask, type: 'page/timeline' | 'content/timeline', pkg: PackageName): TimelineLoad {
  const named = { registry: pkg.registry, name: pkg.name };
  return (progress) => (type === 'page/timeline' ? ask({ type, pkg: named, ...(progress ? { progress: true } : {}) }) : ask({ type, pkg: named, ...(progress ? { progress: true } : {}) }));
}

type Phase =
  | { kind: 'closed' }
  | { kind: 'checking'; listed?: number }
  | { kind: 'shown'; timeline: TimelineView }
  | { kind: 'problem'; text: string; retry: boolean };

/** How often the fold asks how far the build is. */
export const PROGRESS_POLL_MS = 500;

function phaseOf(reply: Outcome<TimelineAnswer>): Phase {
  if (!reply.ok) {
    if (reply.code === 'MSG_NOT_A_PACKAGE_PAGE') return { kind: 'problem', text: "The release history is shown on the package's own page.", retry: false };
    return { kind: 'problem', text: `Couldn't check the release history. ${codeText(reply.code)}`, retry: true };
  }
  const answer = reply.value;
  if (answer.kind === 'timeline') return { kind: 'shown', timeline: answer.timeline };
  if (answer.kind === 'unavailable') return { kind: 'problem', text: `Couldn't check the release history. ${codeText(answer.code)}`, retry: true };
  if (answer.kind === 'cancelled') return { kind: 'problem', text: "The release history was not checked: another package's history was asked for.", retry: true };
  // A progress answer is never the answer to the timeline itself.
  return { kind: 'problem', text: "Couldn't check the release history.", retry: true };
}

export class TimelineFold extends Component<FoldProps, { phase: Phase }> {
  override state: { phase: Phase } = { phase: { kind: 'closed' } };
  private box = createRef<HTMLDivElement>();
  private details: HTMLDetailsElement | null = null;
  /** Bumped by every new request and by unmounting: an older answer or poll writes nothing. */
  private run = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Releases the hold of the ask in flight: closing the fold's view cancels its build. */
  private release: (() => void) | undefined;

  override componentDidMount(): void {
    this.details = this.box.current?.querySelector('details') ?? null;
    this.details?.addEventListener('toggle', this.onToggle);
    this.onToggle();
  }

  override componentWillUnmount(): void {
    this.details?.removeEventListener('toggle', this.onToggle);
    this.run++;
    clearTimeout(this.timer);
    this.letGo();
  }

  private letGo(): void {
    this.release?.();
    this.release = undefined;
  }

  private onToggle = (): void => {
    if (this.details?.open === true && this.state.phase.kind === 'closed') void this.start();
  };

  private async start(): Promise<void> {
    const run = ++this.run;
    this.setState({ phase: { kind: 'checking' } });
    this.poll(run);
    this.release ??= this.props.hold?.();
    const reply = await this.props.load(false);
    if (run !== this.run) return;
    this.letGo();
    clearTimeout(this.timer);
    this.setState({ phase: phaseOf(reply) });
  }

  private poll(run: number): void {
    this.timer = setTimeout(() => {
      void this.props.load(true).then((reply) => {
        if (run !== this.run || this.state.phase.kind !== 'checking') return;
        if (reply.ok && reply.value.kind === 'checking' && reply.value.listed !== undefined) this.setState({ phase: { kind: 'checking', listed: reply.value.listed } });
        this.poll(run);
      });
    }, PROGRESS_POLL_MS);
  }

  render(_props: FoldProps, { phase }: { phase: Phase }) {
    return (
      <div class="pl-details pl-timeline" ref={this.box}>
        <Fold title="Release history">
          {phase.kind === 'checking' ? (
            <p class="pl-muted" role="status">
              {checkingText(phase.listed)}
            </p>
          ) : null}
          {phase.kind === 'shown' ? <Timeline timeline={phase.timeline} /> : null}
          {phase.kind === 'problem' ? (
            <>
              <p>{phase.text}</p>
              {phase.retry ? (
                <button type="button" class="pl-button" onClick={() => void this.start()}>
                  Try again
                </button>
              ) : null}
            </>
          ) : null}
        </Fold>
      </div>
    );
  }
}
