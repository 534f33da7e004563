// The one details view, shared by the in-page panel and the toolbar popup.
import { Breakable } from './LongValue';
import type { PackageVerdict, RegistrySignedNote } from '../core/verdict';
import { codeText } from '../shared/code-text';
import { AttestationList, attestationsByFile, LogEntry, RegistryKey } from './AttestationList';
import { ClaimedIdentity } from './ClaimedIdentity';
import { currentIdentity, packageBadgeView, shownLabel } from './badge-text';
import { ContinuityDetails } from './ContinuityDetails';
import { type DisplayState, packageTitle, resolvedPkg } from './display-state';
import { FilesTable } from './FilesTable';
import { Fold } from './Fold';
import { IdentityList } from './IdentityList';
import { NextSteps } from './NextSteps';
import { RetryButton, showsRetry } from './RetryButton';
import { VerdictSummary } from './VerdictSummary';

interface Props {
  state: DisplayState;
  onRetry?: () => void;
  /** id for the heading, so a dialog can point aria-labelledby at it. */
  headingId?: string;
}

const REGISTRY_NAMES = { pypi: 'PyPI', npm: 'npm' } as const;

function Problem({ code, message }: { code: string; message: string }) {
  // A pin's message says what was expected and what signed instead: the point of the pin.
  const pinned = code === 'IDENTITY_PIN' && message.length > 0;
  return (
    <div class="pl-problem">
      <p>{codeText(code)}</p>
      {pinned ? (
        <p class="pl-pin-mismatch">
          <Breakable value={`${message.charAt(0).toUpperCase()}${message.slice(1)}.`} />
        </p>
      ) : null}
      <p class="pl-muted">
        Code{' '}
        <code>
          <Breakable value={code} />
        </code>
        {message.length > 0 && !pinned ? (
          <>
            {' · '}
            <Breakable value={message} />
          </>
        ) : null}
      </p>
    </div>
  );
}

function CheckedAt({ epochMs }: { epochMs: number }) {
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) return null;
  return (
    <p class="pl-muted">
      Checked <time dateTime={date.toISOString()}>{date.toUTCString()}</time>
    </p>
  );
}

/** npm's registry signed the upload: its word that these bytes were published, not who built them. */
function RegistrySigned({ note }: { note: RegistrySignedNote }) {
  return (
    <div class="pl-section">
      <p>No build provenance · npm's registry signed this upload.</p>
      <RegistryKey keyId={note.keyId} />
      <LogEntry log={note.log} />
    </div>
  );
}

function Attestations({ verdict }: { verdict: Extract<PackageVerdict, { status: 'verified' | 'partial' }> }) {
  const items = attestationsByFile(verdict.files, verdict.attestations);
  return (
    <Fold title="Attestations" count={items.length}>
      <AttestationList items={items} />
    </Fold>
  );
}

function VerdictBody({ verdict }: { verdict: PackageVerdict }) {
  return (
    <>
      {verdict.status === 'invalid' || verdict.status === 'unavailable' ? (
        <Problem code={verdict.code} message={verdict.message} />
      ) : null}
      {verdict.status === 'verified' || verdict.status === 'partial' ? <VerdictSummary verdict={verdict} /> : null}
      <NextSteps verdict={verdict} />
      {/* What a failed attestation claims, after what to do: the advice must stay on the first screen. */}
      {verdict.status === 'invalid' && verdict.claimed !== undefined ? <ClaimedIdentity claim={verdict.claimed} /> : null}
      {/* After the summary: the verdict line already names the change, and the first screen
          must keep who built this version, from what and when (issue 16, review 4). */}
      {verdict.continuity !== undefined ? (
        <ContinuityDetails note={verdict.continuity} current={currentIdentity(verdict)} version={verdict.pkg.version} />
      ) : null}
      {verdict.status === 'verified' || verdict.status === 'partial' ? (
        <>
          <Fold title="Certificate details">
            <IdentityList identity={verdict.identity} />
          </Fold>
          <Attestations verdict={verdict} />
        </>
      ) : null}
      {verdict.status === 'none' ? (
        verdict.registrySigned !== undefined ? (
          <RegistrySigned note={verdict.registrySigned} />
        ) : (
          <p>The registry has no attestation for this version, so who built it cannot be checked.</p>
        )
      ) : null}
      {verdict.pkg.registry === 'pypi' ? (
        <FilesTable files={verdict.files} inconsistent={'inconsistent' in verdict ? verdict.inconsistent : undefined} />
      ) : null}
      <CheckedAt epochMs={verdict.checkedAt} />
    </>
  );
}

export function ProvenanceDetails({ state, onRetry, headingId }: Props) {
  const pkg = resolvedPkg(state);
  const view = packageBadgeView(state);
  return (
    <div class="pl-details" data-status={view.status}>
      <h2 id={headingId} class="pl-title">
        <Breakable value={packageTitle(pkg)} /> <span class="pl-registry">on {REGISTRY_NAMES[pkg.registry]}</span>
      </h2>
      <p class={`pl-verdict pl-${view.status}${view.amber === true ? ' pl-amber' : ''}`} tabIndex={-1}>
        <strong>
          <Breakable value={shownLabel(view.text)} />
        </strong>
      </p>
      {state.kind === 'verdict' && state.verdict.registryNote ? (
        <p class="pl-warning" role="note">
          {state.verdict.registryNote}
        </p>
      ) : null}
      {state.kind === 'loading' ? <p class="pl-muted">Verifying the attestations…</p> : null}
      {state.kind === 'failed' ? <Problem code={state.code} message={state.message} /> : null}
      {state.kind === 'verdict' ? <VerdictBody verdict={state.verdict} /> : null}
      {showsRetry(state) && onRetry !== undefined ? <RetryButton state={state} onRetry={onRetry} /> : null}
    </div>
  );
}
