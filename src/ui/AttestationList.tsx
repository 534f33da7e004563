// The transparency-log facts of each verified attestation, named by its file and kind:
// predicate type, log index, time.
import type { FileVerdict, LogEntryInfo, VerifiedAttestation } from '../core/verdict';
import { ExternalLink } from './ExternalLink';
import { LongValue } from './LongValue';

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

/** The package's verified attestations, each with the file whose verdict holds it (by log entry). */
export function attestationsByFile(files: FileVerdict[], attestations: VerifiedAttestation[]): { file: string; a: VerifiedAttestation }[] {
  const fileOf = (a: VerifiedAttestation) =>
    files.find((f) => f.verdict.status === 'verified' && f.verdict.attestations.some((x) => x.log.logIndex === a.log.logIndex))?.filename ??
    (files.length === 1 ? (files[0]?.filename ?? '') : '');
  return attestations.map((a) => ({ file: fileOf(a), a }));
}

/** Each verified attestation, named by the file it is about and its kind. */
export function AttestationList({ items }: { items: { file: string; a: VerifiedAttestation }[] }) {
  if (items.length === 0) return null;
  return (
    <ul class="pl-attestations">
      {items.map(({ file, a }, i) => (
        <li key={`${a.log.logIndex}-${i}`}>
          <div class="pl-kind">
            {file !== '' ? (
              <>
                <LongValue value={file} />
                {' · '}
              </>
            ) : null}
            {KIND_NAMES[a.kind]}
          </div>
          <div>
            Predicate type: <LongValue value={a.predicateType} code />
          </div>
          <LogEntry log={a.log} />
          {a.keyId !== undefined ? <RegistryKey keyId={a.keyId} /> : null}
        </li>
      ))}
    </ul>
  );
}
