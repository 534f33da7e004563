// The signer's identity as read from the verified certificate: every value is rendered as text,
// and only values that pass safe-link become links.
import type { ComponentChildren } from 'preact';
import type { SignerIdentity } from '../core/verdict';
import { ExternalLink } from './ExternalLink';
import { commitHref, repositoryHref, workflowHref } from './safe-link';

const FORGE_NAMES: Record<SignerIdentity['forge'], string> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  google: 'Google',
  other: 'Other',
};

function Row({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function IdentityList({ identity }: { identity: SignerIdentity }) {
  const { forge, repository, commit, workflowPath } = identity;
  return (
    <dl class="pl-fields">
      <Row term="Built on">{FORGE_NAMES[forge]}</Row>
      {repository !== undefined ? (
        <Row term="Repository">
          <ExternalLink href={repositoryHref(forge, repository) ?? identity.repositoryUrl}>{repository}</ExternalLink>
        </Row>
      ) : null}
      {workflowPath !== undefined ? (
        <Row term="Workflow">
          <ExternalLink href={workflowHref(forge, repository, commit, workflowPath)}>{workflowPath}</ExternalLink>
        </Row>
      ) : null}
      {identity.ref !== undefined ? <Row term="Ref">{identity.ref}</Row> : null}
      {commit !== undefined ? (
        <Row term="Commit">
          <ExternalLink href={commitHref(forge, repository, commit)}>
            <code>{commit}</code>
          </ExternalLink>
        </Row>
      ) : null}
      {identity.trigger !== undefined ? <Row term="Trigger">{identity.trigger}</Row> : null}
      {identity.runUrl !== undefined ? (
        <Row term="Workflow run">
          <ExternalLink href={identity.runUrl}>{identity.runUrl}</ExternalLink>
        </Row>
      ) : null}
      {identity.runnerEnvironment !== undefined ? <Row term="Runner">{identity.runnerEnvironment}</Row> : null}
      {identity.email !== undefined ? <Row term="Signer e-mail">{identity.email}</Row> : null}
      <Row term="Issuer">{identity.issuer}</Row>
      {repository === undefined && identity.email === undefined ? <Row term="Signer">{identity.san}</Row> : null}
    </dl>
  );
}
