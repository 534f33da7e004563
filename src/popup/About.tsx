// Which build is running and which Sigstore trust material it checks with: the TUF versions or
// the embedded snapshot, when it was last refreshed, and plainly whether it is stale (a verdict
// of "trust root out of date" makes sense only next to that).
import { useEffect, useState } from 'preact/hooks';
import { codeText } from '../shared/code-text';
import type { AboutInfo, TrustStatus } from '../shared/messages';
import { Fold } from '../ui/Fold';
import type { Ask } from '../ui/worker-client';

/** The date part of an ISO timestamp; anything else is shown as it came. */
function day(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}T/.test(iso) ? iso.slice(0, 10) : iso;
}

function TrustLines({ date, trust }: { date: string; trust: TrustStatus | undefined }) {
  if (trust === undefined) return <p>Trusted root snapshot: {day(date)}</p>;
  const material =
    trust.source === 'tuf'
      ? `Sigstore TUF root v${trust.rootVersion ?? '?'}, targets v${trust.targetsVersion ?? '?'}`
      : `embedded snapshot of ${day(date)}`;
  return (
    <>
      <p>Trust material: {material}</p>
      <p>Last refreshed: {trust.refreshedAt !== undefined ? day(trust.refreshedAt) : 'never'}</p>
      {trust.lastFailure !== undefined ? (
        <p class="pl-stale" role="status">
          Stale: the last refresh, {day(trust.lastFailure.at)}, failed ({trust.lastFailure.reason}).
        </p>
      ) : trust.stale ? (
        <p class="pl-stale" role="status">
          Stale: not refreshed for more than 7 days.
        </p>
      ) : null}
    </>
  );
}

export function About({ ask }: { ask: Ask }) {
  const [about, setAbout] = useState<AboutInfo | null>(null);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    let live = true;
    void ask({ type: 'page/about' }).then((reply) => {
      if (!live) return;
      if (reply.ok) setAbout(reply.value);
      else setProblem(codeText(reply.code));
    });
    return () => {
      live = false;
    };
  }, [ask]);

  return (
    // Folded, unless the trust material is stale: that is said where it cannot be missed.
    <Fold title="About" open={about?.trust?.stale === true || problem !== ''}>
      {about !== null ? (
        <>
          <p>Provenance Lens {about.version}</p>
          <TrustLines date={about.trustedRootDate} trust={about.trust} />
        </>
      ) : null}
      {problem !== '' ? <p class="pl-muted">{problem}</p> : null}
    </Fold>
  );
}
