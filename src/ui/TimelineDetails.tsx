// What one release of the timeline showed: its version, date and status in words, who built it
// according to its verified certificate (repository, workflow or builder, issuer), and what
// changed there. Shown for the mark under the pointer or with focus.
import type { TimelineRelease } from '../core/history/timeline-types';
import type { SignerIdentity } from '../core/verdict';
import { codeText } from '../shared/code-text';
import { builderLabel } from './badge-text';
import { Breakable, LongValue } from './LongValue';
import { EVENT_MARKS, releaseFlags, STATUS_MARKS, statusWords, type FlaggedEvent } from './timeline-text';

interface Props {
  release: TimelineRelease;
  events: readonly FlaggedEvent[];
  /** The core's note for each event (timeline-text.ts noteFor). */
  noteOf: (event: FlaggedEvent) => string | undefined;
}

function IdentityFacts({ identity }: { identity: SignerIdentity }) {
  return (
    <dl class="pl-fields">
      {identity.email !== undefined ? (
        <>
          <dt>Account</dt>
          <dd>
            <LongValue value={identity.email} />
          </dd>
        </>
      ) : null}
      {identity.repository !== undefined ? (
        <>
          <dt>Repository</dt>
          <dd>
            <LongValue value={identity.repository} />
          </dd>
        </>
      ) : null}
      {identity.workflowPath !== undefined ? (
        <>
          <dt>Workflow</dt>
          <dd>
            <LongValue value={identity.workflowPath} />
          </dd>
        </>
      ) : null}
      {identity.builder !== undefined ? (
        <>
          <dt>Built by</dt>
          <dd>
            <LongValue value={builderLabel(identity.builder)} />
          </dd>
        </>
      ) : null}
      <dt>Issuer</dt>
      <dd>
        <LongValue value={identity.issuer} />
      </dd>
    </dl>
  );
}

export function TimelineDetails({ release, events, noteOf }: Props) {
  const flags = releaseFlags(release);
  const date = release.publishedAt?.slice(0, 10);
  return (
    <div class="pl-tl-detail" data-release={release.version}>
      <p>
        <strong>
          <Breakable value={release.version} />
        </strong>
        {date !== undefined ? (
          <>
            {' · '}
            <time dateTime={release.publishedAt}>{date}</time>
          </>
        ) : null}
        {flags.map((flag) => ` · ${flag}`).join('')}
      </p>
      <p>
        <span class={`pl-tl-glyph pl-tl-${release.status}`} aria-hidden="true">
          {STATUS_MARKS[release.status].glyph}
        </span>{' '}
        {statusWords(release)}
        {release.code !== undefined ? (
          <span class="pl-muted">
            {' · '}
            {codeText(release.code)} <code>{release.code}</code>
          </span>
        ) : null}
      </p>
      {release.identity !== undefined ? <IdentityFacts identity={release.identity} /> : null}
      {events.length > 0 ? (
        <ul class="pl-tl-events">
          {events.map((event, i) => (
            <li key={i}>
              <span class={`pl-tl-flag pl-tl-${EVENT_MARKS[event.kind].tone}`} aria-hidden="true">
                {EVENT_MARKS[event.kind].glyph}
              </span>{' '}
              <Breakable value={noteOf(event) ?? EVENT_MARKS[event.kind].word} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
