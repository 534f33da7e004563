// The transparency-log facts of each verified attestation: predicate type, log index, time.
import type { LogEntryInfo, VerifiedAttestation } from '../core/verdict';
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

/**
 * Where the log holds the signature, and when; shared with the registry-signed note. A Rekor v2
 * entry names its log (no public page shows it, so no link); its time is the verified TSA
 * timestamp's, taken just before the entry was logged.
 */
export function LogEntry({ log }: { log: LogEntryInfo }) {
  return (
    <div>
      Transparency log entry:{' '}
      <ExternalLink href={log.searchUrl}>
        <code>{log.logIndex}</code>
      </ExternalLink>
      {log.origin && ` in ${log.origin}`}
      {', logged '}
      <time dateTime={log.integratedTime}>{formatTime(log.integratedTime)}</time>
    </div>
  );
}

export function RegistryKey({ keyId }: { keyId: string }) {
  return (
    <div>
      Registry key: <code>{keyId}</code>
    </div>
  );
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
            <LogEntry log={a.log} />
            {a.keyId !== undefined ? <RegistryKey keyId={a.keyId} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
