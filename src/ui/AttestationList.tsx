// The transparency-log facts of each verified attestation: predicate type, log index, time.
import type { VerifiedAttestation } from '../core/verdict';
import { ExternalLink } from './ExternalLink';

const KIND_NAMES: Record<VerifiedAttestation['kind'], string> = {
  'pypi-publish': 'PyPI publish attestation',
  'slsa-provenance': 'SLSA provenance',
  'npm-publish': 'npm publish attestation',
};

export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toUTCString();
}

export function AttestationList({ attestations }: { attestations: VerifiedAttestation[] }) {
  if (attestations.length === 0) return null;
  return (
    <section class="pl-section" aria-label="Attestations">
      <h3>Attestations</h3>
      <ul class="pl-attestations">
        {attestations.map((a, i) => (
          <li key={`${a.log.logIndex}-${i}`}>
            <div class="pl-kind">{KIND_NAMES[a.kind]}</div>
            <div>
              Predicate type: <code>{a.predicateType}</code>
            </div>
            <div>
              Transparency log entry:{' '}
              <ExternalLink href={a.log.searchUrl}>
                <code>{a.log.logIndex}</code>
              </ExternalLink>
              {', logged '}
              <time dateTime={a.log.integratedTime}>{formatTime(a.log.integratedTime)}</time>
            </div>
            {a.keyId !== undefined ? (
              <div>
                Registry key: <code>{a.keyId}</code>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
