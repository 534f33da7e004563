// The publishers a package was seen signed by (newest first), kept compact: one line per
// version, and only the most recent few, since the popup is small.
import type { SeenIdentity } from '../shared/messages';
import { describeBuilderUri } from '../shared/pin-text';
import { LongValue } from '../ui/LongValue';

const SHOWN = 8;

function who(seen: SeenIdentity): string {
  const workflow = seen.workflowPath?.split('/').pop();
  const parts = [seen.repository ?? seen.email ?? seen.issuer];
  if (workflow !== undefined && workflow !== '') parts.push(workflow);
  // A shared builder is part of who published: a release built elsewhere must read differently.
  if (seen.builder !== undefined) parts.push(`built by ${describeBuilderUri(seen.builder)}`);
  return parts.join(' · ');
}

export function SeenList({ seen }: { seen: SeenIdentity[] }) {
  const more = seen.length - SHOWN;
  return (
    <details class="pl-seen pl-fold">
      <summary>Publishers seen ({seen.length})</summary>
      <ul>
        {seen.slice(0, SHOWN).map((s) => (
          <li key={`${s.version}\u0000${s.seenAt}`}>
            <span class="pl-muted">{s.version}</span> <LongValue value={who(s)} />
          </li>
        ))}
      </ul>
      {more > 0 ? <p class="pl-muted">and {more} earlier</p> : null}
    </details>
  );
}
