// A package's release timeline as a picture: how much was checked and who publishes now, the
// strip of marks (TimelineStrip), a legend of the shapes it uses, the details of the mark under
// the pointer or with focus (the newest release until then), and the notes the worker wrote from
// verified certificates, as text. Props in, nothing out; a class component, so the in-page panel
// does not ship Preact's hooks for it.
import { Component } from 'preact';
import type { TimelineView } from '../shared/messages';
import { Breakable } from './LongValue';
import { TimelineDetails } from './TimelineDetails';
import { TimelineStrip } from './TimelineStrip';
import { coverageText, currentText, EVENT_MARKS, noteFor, STATUS_MARKS, stripItems, type StripItem } from './timeline-text';

/** Only the shapes this strip uses, each with its word. */
function Legend({ items }: { items: StripItem[] }) {
  const statuses = new Set(items.flatMap((item) => (item.kind === 'release' ? [item.release.status] : [])));
  const events = new Set(items.flatMap((item) => (item.kind === 'release' ? item.events.map((e) => e.kind) : [])));
  const flags = new Map([...events].map((kind) => [EVENT_MARKS[kind].glyph, EVENT_MARKS[kind]] as const));
  const gaps = items.some((item) => item.kind === 'gap');
  return (
    <p class="pl-tl-legend">
      {[...statuses].map((status) => (
        <span key={status}>
          <span class={`pl-tl-glyph pl-tl-${status}`} aria-hidden="true">
            {STATUS_MARKS[status].glyph}
          </span>{' '}
          {STATUS_MARKS[status].word}
        </span>
      ))}
      {[...flags.values()].map((mark) => (
        <span key={mark.glyph}>
          <span class={`pl-tl-flag pl-tl-${mark.tone}`} aria-hidden="true">
            {mark.glyph}
          </span>{' '}
          {[...events].filter((kind) => EVENT_MARKS[kind].glyph === mark.glyph).map((kind) => EVENT_MARKS[kind].word).join(' / ')}
        </span>
      ))}
      {gaps ? (
        <span>
          <span aria-hidden="true">⋯</span> not checked one by one
        </span>
      ) : null}
    </p>
  );
}

export class Timeline extends Component<{ timeline: TimelineView }, { active: number }> {
  override state = { active: 0 };

  render({ timeline }: { timeline: TimelineView }, state: { active: number }) {
    if (timeline.releases.length === 0) return <p>The registry lists no releases of this package.</p>;
    // A timeline asked for again can be shorter than the one the index was taken in.
    const active = state.active < timeline.releases.length ? state.active : 0;
    const items = stripItems(timeline);
    const shown = items.find((item): item is Extract<StripItem, { kind: 'release' }> => item.kind === 'release' && item.index === active);
    return (
      <div class="pl-tl">
        <p class="pl-muted">
          {coverageText(timeline)} <Breakable value={currentText(timeline.current)} />
        </p>
        <p class="pl-tl-axis" aria-hidden="true">
          <span>newest</span>
          <span>oldest</span>
        </p>
        <TimelineStrip items={items} active={active} onActive={(index) => index !== active && this.setState({ active: index })} />
        <Legend items={items} />
        <p class="pl-muted pl-tl-hint">Point at or focus a release for its details; arrow keys move along.</p>
        {shown ? <TimelineDetails release={shown.release} events={shown.events} noteOf={(event) => noteFor(timeline, event)} /> : null}
        {timeline.notes.length > 0 ? (
          <>
            <h3 class="pl-tl-head">Notes</h3>
            <ul class="pl-tl-notes">
              {timeline.notes.map((note, i) => (
                <li key={i}>
                  <Breakable value={note} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    );
  }
}
