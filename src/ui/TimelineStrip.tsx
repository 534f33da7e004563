// The strip: one mark per release, newest first, wrapping onto more lines rather than scrolling
// sideways. Newest first because that is how both registries list releases, and because the
// release a reader came for is usually a recent one: it is the first mark, the one Tab reaches,
// and on the top line however long the history. A list (named, so a screen reader says how many)
// with one Tab stop: arrow keys, Home and End move between marks (a roving tabindex), so a
// 200-release history is not 200 Tab presses. Each mark's name says it all in words.
import { Component } from 'preact';
import { EVENT_MARKS, gapText, releaseName, STATUS_MARKS, type StripItem } from './timeline-text';

interface Props {
  items: StripItem[];
  /** Index (into the timeline's releases) of the mark whose details are shown. */
  active: number;
  onActive: (index: number) => void;
}

const STEPS: Record<string, (index: number, last: number) => number> = {
  ArrowRight: (i, last) => Math.min(i + 1, last),
  ArrowDown: (i, last) => Math.min(i + 1, last),
  ArrowLeft: (i) => Math.max(i - 1, 0),
  ArrowUp: (i) => Math.max(i - 1, 0),
  Home: () => 0,
  End: (_i, last) => last,
};

export class TimelineStrip extends Component<Props> {
  private marks: (HTMLButtonElement | null)[] = [];

  private onKey(event: KeyboardEvent, index: number): void {
    const step = STEPS[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const last = this.props.items.filter((item) => item.kind === 'release').length - 1;
    // Focus moves first; the mark's focus handler makes it the active one.
    this.marks[step(index, last)]?.focus();
  }

  render({ items, active, onActive }: Props) {
    return (
      <ul class="pl-tl-strip" aria-label="Releases, newest first">
        {items.map((item) =>
          item.kind === 'gap' ? (
            <li key={`gap-${item.newer}`} class="pl-tl-gap" title={gapText(item)}>
              <span aria-hidden="true">⋯</span>
              <span class="pl-tl-sr">{gapText(item)}</span>
            </li>
          ) : (
            <li key={item.release.version}>
              <button
                type="button"
                ref={(el) => {
                  this.marks[item.index] = el;
                }}
                class={`pl-tl-mark pl-tl-${item.release.status}${item.index === active ? ' pl-tl-active' : ''}`}
                tabIndex={item.index === active ? 0 : -1}
                aria-label={releaseName(item.release, item.events)}
                data-release={item.release.version}
                onFocus={() => onActive(item.index)}
                onMouseEnter={() => onActive(item.index)}
                onClick={() => onActive(item.index)}
                onKeyDown={(e) => this.onKey(e, item.index)}
              >
                <span aria-hidden="true">{STATUS_MARKS[item.release.status].glyph}</span>
              </button>
              {item.events.map((event, i) => (
                <span key={i} class={`pl-tl-flag pl-tl-${EVENT_MARKS[event.kind].tone}`} aria-hidden="true">
                  {EVENT_MARKS[event.kind].glyph}
                </span>
              ))}
            </li>
          ),
        )}
      </ul>
    );
  }
}
