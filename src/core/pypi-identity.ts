// PyPI Trusted Publisher policy (DESIGN 2.6): the verified certificate must match the registry's
// unsigned publisher claim; with no claim (a bare attestation) it must at least be a coherent
// Trusted-Publisher identity.
import { ISSUERS, readExtensions } from './certificate';
import type { X509Certificate } from '@sigstore/core';
import { fail } from './outcome';
import type { PublisherClaim } from './pep740';
import type { SignerIdentity } from './verdict';
import { isGithubWorkflowUri } from './workflow-uri';

export function checkPublisher(publisher: PublisherClaim, identity: SignerIdentity, cert: X509Certificate): void {
  if (publisher === undefined) return checkBareIdentity(identity, cert);
  const ext = readExtensions(cert);
  const kind = typeof publisher.kind === 'string' ? publisher.kind : '';
  switch (kind) {
    case 'GitHub': {
      const repository = claim(publisher, 'repository');
      const workflow = claim(publisher, 'workflow');
      requireIssuer(identity, ISSUERS.github);
      const repoUrl = `https://github.com/${repository}`;
      // GitHub owner and repository names are case-insensitive; the workflow file name is not.
      if (ext.sourceRepositoryUri?.toLowerCase() !== repoUrl.toLowerCase()) {
        fail('IDENTITY_REPOSITORY', `certificate repository ${ext.sourceRepositoryUri ?? '(none)'} is not ${repoUrl}`);
      }
      const config = requireBuildConfig(ext.buildConfigUri);
      const workflows = '/.github/workflows/';
      const prefix = `${repoUrl}${workflows}`;
      const rest = config.slice(prefix.length);
      const sameRepo = config.slice(0, repoUrl.length).toLowerCase() === repoUrl.toLowerCase();
      if (!sameRepo || config.slice(repoUrl.length, prefix.length) !== workflows || !rest.startsWith(`${workflow}@`)) {
        fail('IDENTITY_WORKFLOW', `certificate workflow ${config} is not ${prefix}${workflow}`);
      }
      return;
    }
    case 'GitLab': {
      const repository = claim(publisher, 'repository');
      const workflow = claim(publisher, 'workflow_filepath');
      requireIssuer(identity, ISSUERS.gitlab);
      const repoUrl = `https://gitlab.com/${repository}`;
      if (ext.sourceRepositoryUri !== repoUrl) {
        fail('IDENTITY_REPOSITORY', `certificate repository ${ext.sourceRepositoryUri ?? '(none)'} is not ${repoUrl}`);
      }
      const config = requireBuildConfig(ext.buildConfigUri);
      if (!config.startsWith(`${repoUrl}//${workflow}@`)) {
        fail('IDENTITY_WORKFLOW', `certificate workflow ${config} is not ${repoUrl}//${workflow}`);
      }
      return;
    }
    case 'Google': {
      const email = claim(publisher, 'email');
      requireIssuer(identity, ISSUERS.google);
      // The e-mail SAN itself, not whichever SAN the certificate lists first.
      const certEmail = cert.extSubjectAltName?.rfc822Name;
      if (certEmail !== email) fail('IDENTITY_SAN', `certificate e-mail ${certEmail ?? '(none)'} is not ${email}`);
      return;
    }
    default:
      fail('POLICY_UNSUPPORTED_PUBLISHER', `publisher kind ${kind || '(none)'} is not supported`);
  }
}

function checkBareIdentity(identity: SignerIdentity, cert: X509Certificate): void {
  if (identity.forge === 'google') {
    if (!cert.extSubjectAltName?.rfc822Name) fail('IDENTITY_SAN', 'Google identity without an e-mail address');
    return;
  }
  if (identity.forge === 'other') {
    fail('POLICY_UNSUPPORTED_PUBLISHER', `issuer ${identity.issuer} is not a supported Trusted Publisher`);
  }
  const ext = readExtensions(cert);
  const config = requireBuildConfig(ext.buildConfigUri);
  // For GitHub and GitLab, Fulcio puts the Build Signer URI (.9) in the SAN; it equals the build
  // config URI unless a GitHub reusable workflow (often another repository's) built it (the caller's
  // workflow, .18, is still what PyPI's Trusted Publisher names). Anything else means the
  // extensions do not describe this signer.
  const reusable = identity.forge === 'github' && identity.san === ext.buildSignerUri && isGithubWorkflowUri(identity.san);
  if (identity.san !== config && !reusable) fail('IDENTITY_SAN', `SAN ${identity.san} differs from build config ${config}`);
  const repo = ext.sourceRepositoryUri;
  if (!repo || !config.startsWith(`${repo}/`)) {
    fail('IDENTITY_REPOSITORY', `build config ${config} is not inside repository ${repo ?? '(none)'}`);
  }
}

function claim(publisher: Record<string, unknown>, field: string): string {
  const value = publisher[field];
  if (typeof value !== 'string' || value === '') fail('PARSE_SHAPE', `publisher has no ${field}`);
  return value;
}

function requireIssuer(identity: SignerIdentity, issuer: string): void {
  if (identity.issuer !== issuer) fail('IDENTITY_ISSUER', `certificate issuer ${identity.issuer} is not ${issuer}`);
}

function requireBuildConfig(uri: string | undefined): string {
  if (!uri) fail('IDENTITY_EXTENSION', 'certificate has no build config URI extension');
  return uri;
}
