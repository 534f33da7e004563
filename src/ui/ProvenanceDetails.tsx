// The one details view, shared by the in-page panel and the toolbar popup.
import type { ContinuityNote, PackageVerdict } from '../core/verdict';
import { codeText } from '../shared/code-text';
import { AttestationList } from './AttestationList';
import { packageBadgeView, signerName } from './badge-text';
import { canRetry, type DisplayState, packageTitle, resolvedPkg } from './display-state';
import { FilesTable } from './FilesTable';
import { IdentityList } from './IdentityList';

interface Props {
  state: DisplayState;
  onRetry?: () => void;
  /** id for the heading, so a dialog can point aria-labelledby at it. */
  headingId?: string;
}

const REGISTRY_NAMES = { pypi: 'PyPI', npm: 'npm' } as const;

function Problem({ code, message }: { code: string; message: string }) {
  return (
    <div class="pl-problem">
      <p>{codeText(code)}</p>
      <p class="pl-muted">
        Code <code>{code}</code>
        {message.length > 0 ? <> · {message}</> : null}
      </p>
    </div>
  );
}

function Continuity({ note }: { note: ContinuityNote }) {
  if (note.kind === 'provenance-lost') {
    return (
      <p class="pl-warning" role="note">
        Version {note.previousVersion} had provenance from {signerName(note.previous)}; this version has none.
      </p>
    );
  }
  return (
    <p class="pl-warning" role="note">
      The publisher changed since version {note.previousVersion}: {note.field} was {note.from}, now {note.to}.
    </p>
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

function VerdictBody({ verdict }: { verdict: PackageVerdict }) {
  return (
    <>
      {verdict.continuity !== undefined ? <Continuity note={verdict.continuity} /> : null}
      {verdict.status === 'verified' || verdict.status === 'partial' ? (
        <>
          <IdentityList identity={verdict.identity} />
          <AttestationList attestations={verdict.attestations} />
        </>
      ) : null}
      {verdict.status === 'none' ? (
        <p>The registry has no attestation for this version, so who built it cannot be checked.</p>
      ) : null}
      {verdict.status === 'invalid' || verdict.status === 'unavailable' ? (
        <Problem code={verdict.code} message={verdict.message} />
      ) : null}
      {verdict.pkg.registry === 'pypi' ? <FilesTable files={verdict.files} /> : null}
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
        {packageTitle(pkg)} <span class="pl-registry">on {REGISTRY_NAMES[pkg.registry]}</span>
      </h2>
      <p class={`pl-verdict pl-${view.status}`}>
        <strong>{view.text}</strong>
      </p>
      {state.kind === 'loading' ? <p class="pl-muted">Verifying the attestations…</p> : null}
      {state.kind === 'failed' ? <Problem code={state.code} message={state.message} /> : null}
      {state.kind === 'verdict' ? <VerdictBody verdict={state.verdict} /> : null}
      {canRetry(state) && onRetry !== undefined ? (
        <button type="button" class="pl-button" onClick={() => onRetry()}>
          Retry
        </button>
      ) : null}
    </div>
  );
}
