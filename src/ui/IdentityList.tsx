// The signer's identity as read from the verified certificate: every value is rendered as text,
// and only values that pass safe-link become links.
import type { ComponentChildren } from 'preact';
import type { SignerIdentity } from '../core/verdict';
import { builderLabel } from './badge-text';
import { ExternalLink } from './ExternalLink';
import { Breakable, LongValue } from './LongValue';
import { commitHref, repositoryHref, workflowHref } from './safe-link';

const FORGE_NAMES: Record<SignerIdentity['forge'], string> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  google: 'Google',
  other: 'Other',
};

// A row whose value the certificate lacks is left out: `<Row term="Ref">{identity.ref}</Row>`.
function Row({ term, children }: { term: string; children: ComponentChildren }) {
  if (children === undefined) return null;
  return (
    <>
      <dt>{term}</dt>
      <dd>{typeof children === 'string' ? <Breakable value={children} /> : children}</dd>
    </>
  );
}

export function IdentityList({ identity }: { identity: SignerIdentity }) {
  const { forge, repository, commit, workflowPath, builder } = identity;
  return (
    <dl class="pl-fields">
      <Row term="Built on">{FORGE_NAMES[forge]}</Row>
      {repository !== undefined ? (
        <Row term="Repository">
          <LongValue value={repository} href={repositoryHref(forge, repository) ?? identity.repositoryUrl ?? null} />
        </Row>
      ) : null}
      {workflowPath !== undefined ? (
        <Row term="Workflow">
          <LongValue value={workflowPath} href={workflowHref(forge, repository, commit, workflowPath)} />
        </Row>
      ) : null}
      <Row term="Ref">{identity.ref !== undefined ? <LongValue value={identity.ref} /> : undefined}</Row>
      {commit !== undefined ? (
        <Row term="Commit">
          <LongValue value={commit} href={commitHref(forge, repository, commit)} code />
        </Row>
      ) : null}
      {builder !== undefined ? (
        <Row term="Built by">
          {/* One link: the builder's workflow file at its commit (.10), the code that ran. */}
          <ExternalLink href={workflowHref(forge, builder.repository, builder.commit, builder.workflowPath)}>{builderLabel(builder)}</ExternalLink>
        </Row>
      ) : null}
      <Row term="Repository id">{identity.repositoryId}</Row>
      <Row term="Owner id">{identity.ownerId}</Row>
      <Row term="Trigger">{identity.trigger}</Row>
      {identity.runUrl !== undefined ? (
        <Row term="Workflow run">
          <LongValue value={identity.runUrl} href={identity.runUrl} />
        </Row>
      ) : null}
      <Row term="Runner">{identity.runnerEnvironment}</Row>
      <Row term="Signer e-mail">{identity.email !== undefined ? <LongValue value={identity.email} /> : undefined}</Row>
      <Row term="Issuer">
        <LongValue value={identity.issuer} />
      </Row>
      {repository === undefined && identity.email === undefined ? (
        <Row term="Signer">
          <LongValue value={identity.san} />
        </Row>
      ) : null}
    </dl>
  );
}
