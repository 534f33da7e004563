// A publisher-continuity note in the details: the earlier release's signer beside this one's, so
// the reader sees what changed rather than being told. Every value is text; links go through
// safe-link like everywhere else.
import type { ComponentChildren } from 'preact';
import type { ContinuityNote, PublisherChange, SignerIdentity } from '../core/verdict';
import { FIELD_NAMES } from '../core/publisher-fields';
import { continuitySentence } from './continuity-text';
import { Breakable, LongValue } from './LongValue';
import { builderLabel, OWN_WORKFLOW } from './badge-text';
import { repositoryHref, workflowHref } from './safe-link';

interface Props {
  note: ContinuityNote;
  /** This version's signer; absent when it has no provenance or no verified file. */
  current?: SignerIdentity;
  version: string;
}

type Field = PublisherChange['field'];

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// A row whose value the certificate lacks is left out: `<Row field="ownerId">{identity.ownerId}</Row>`.
function Row({ field, changed, children }: { field: Field; changed: Field | null; children: ComponentChildren }) {
  if (children === undefined) return null;
  const isChanged = field === changed;
  return (
    <>
      <dt>{capitalised(FIELD_NAMES[field])}</dt>
      <dd class={isChanged ? 'pl-changed' : undefined}>
        {typeof children === 'string' ? <Breakable value={children} /> : children}
        {isChanged ? <strong class="pl-tag"> (changed)</strong> : null}
      </dd>
    </>
  );
}

function Signer({ identity, changed }: { identity: SignerIdentity; changed: Field | null }) {
  const { forge, repository, workflowPath, commit } = identity;
  return (
    <dl class="pl-fields">
      {repository !== undefined ? (
        <Row field="repository" changed={changed}>
          <LongValue value={repository} href={repositoryHref(forge, repository)} />
        </Row>
      ) : null}
      {workflowPath !== undefined ? (
        <Row field="workflowPath" changed={changed}>
          <LongValue value={workflowPath} href={workflowHref(forge, repository, commit, workflowPath)} />
        </Row>
      ) : null}
      <Row field="issuer" changed={changed}>
        <LongValue value={identity.issuer} />
      </Row>
      <Row field="repositoryId" changed={changed}>
        {identity.repositoryId}
      </Row>
      <Row field="ownerId" changed={changed}>
        {identity.ownerId}
      </Row>
      {identity.builder !== undefined || changed === 'builder' ? (
        <Row field="builder" changed={changed}>
          {identity.builder === undefined ? OWN_WORKFLOW : builderLabel(identity.builder)}
        </Row>
      ) : null}
      <Row field="email" changed={changed}>
        {identity.email}
      </Row>
      {repository === undefined && identity.email === undefined ? (
        <>
          <dt>Signer</dt>
          <dd>
            <LongValue value={identity.san} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}

function Column({ heading, children }: { heading: string; children: ComponentChildren }) {
  return (
    <div class="pl-card">
      <h3>{heading}</h3>
      {children}
    </div>
  );
}

export function ContinuityDetails({ note, current, version }: Props) {
  const changed = note.kind === 'publisher-changed' ? note.field : null;
  return (
    <section class="pl-section pl-continuity" aria-label="Publisher continuity">
      <p class="pl-warning" role="note">
        Careful: {continuitySentence(note, current)}.
      </p>
      <div class="pl-compare">
        <Column heading={`Version ${note.previousVersion}`}>
          <Signer identity={note.previous} changed={changed} />
        </Column>
        <Column heading={`This version (${version})`}>
          {note.kind === 'provenance-lost' ? <p>This version has no provenance.</p> : null}
          {note.kind === 'publisher-changed' && current !== undefined ? <Signer identity={current} changed={changed} /> : null}
          {note.kind === 'publisher-changed' && current === undefined ? (
            <p>
              {capitalised(FIELD_NAMES[note.field])}: {note.to}
            </p>
          ) : null}
        </Column>
      </div>
    </section>
  );
}
