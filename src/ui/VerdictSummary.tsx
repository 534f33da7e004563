// The first screen of the details: who built this version, from what, when, and that the check
// ran here. Every value comes from the verified certificate and log entry; long ones are cut by
// CSS only (pl-long), so hover, focus and copy still give the whole value.
import type { PackageVerdict, SignerIdentity } from '../core/verdict';
import { formatTime } from './AttestationList';
import { builderLabel, signerName } from './badge-text';
import { LongValue } from './LongValue';
import { commitHref, repositoryHref, workflowHref } from './safe-link';

type Good = Extract<PackageVerdict, { status: 'verified' | 'partial' }>;

const Long = LongValue;

function Who({ identity }: { identity: SignerIdentity }) {
  const { forge, repository } = identity;
  if (repository === undefined) return <Long value={signerName(identity)} />;
  return <Long value={repository} href={repositoryHref(forge, repository) ?? identity.repositoryUrl ?? null} />;
}

export function VerdictSummary({ verdict }: { verdict: Good }) {
  const { identity } = verdict;
  const { forge, repository, commit, workflowPath, ref, builder } = identity;
  const signed = verdict.attestations[0]?.log.integratedTime;
  return (
    <>
      <dl class="pl-fields pl-summary">
        <dt>{repository !== undefined ? 'Repository' : 'Signed by'}</dt>
        <dd>
          <Who identity={identity} />
        </dd>
        {workflowPath !== undefined ? (
          <>
            <dt>Workflow</dt>
            <dd>
              <Long value={workflowPath} href={workflowHref(forge, repository, commit, workflowPath)} />
            </dd>
          </>
        ) : null}
        {builder !== undefined ? (
          <>
            <dt>Built by</dt>
            <dd>
              <Long value={builderLabel(builder)} href={workflowHref(forge, builder.repository, builder.commit, builder.workflowPath)} />
            </dd>
          </>
        ) : null}
        {ref !== undefined || commit !== undefined ? (
          <>
            <dt>From</dt>
            <dd>
              {ref !== undefined ? <Long value={ref} /> : null}
              {ref !== undefined && commit !== undefined ? ' · ' : null}
              {commit !== undefined ? <Long value={commit} href={commitHref(forge, repository, commit)} /> : null}
            </dd>
          </>
        ) : null}
        {signed !== undefined ? (
          <>
            <dt>Signed</dt>
            <dd>
              <time dateTime={signed}>{formatTime(signed)}</time>
            </dd>
          </>
        ) : null}
      </dl>
      <p class="pl-checked">
        Verified in your browser: signature, certificate, transparency log, file digests and publisher identity.
      </p>
    </>
  );
}
