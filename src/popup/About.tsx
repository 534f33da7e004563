// Which build is running and how old its Sigstore trust snapshot is: a verdict of "trust root
// out of date" makes sense only next to that date.
import { useEffect, useState } from 'preact/hooks';
import { codeText } from '../shared/code-text';
import type { AboutInfo } from '../shared/messages';
import type { Ask } from '../ui/worker-client';

/** The date part of an ISO timestamp; anything else is shown as it came. */
function day(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}T/.test(iso) ? iso.slice(0, 10) : iso;
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
    <section class="pl-section pl-about" aria-label="About">
      <h3>About</h3>
      {about !== null ? (
        <>
          <p>Provenance Lens {about.version}</p>
          <p>Trusted root snapshot: {day(about.trustedRootDate)}</p>
        </>
      ) : null}
      {problem !== '' ? <p class="pl-muted">{problem}</p> : null}
    </section>
  );
}
