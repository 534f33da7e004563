// Words for pins and builder workflows, shared by the worker (a pin mismatch's message), the
// popup (the pin offer) and the details: one way of naming a publisher, so the offer a person
// accepted and the failure they later read say the same thing.
import type { IdentityPin } from '../core/api';
import type { BuilderIdentity } from '../core/verdict';
import { builderWithoutRef } from '../core/workflow-uri';

// GitHub: https://github.com/<owner>/<repo>/<path>@<ref>; GitLab: https://gitlab.com/<path>//<file>@<ref>.
const GITHUB_WORKFLOW = /^https:\/\/github\.com\/([^/@]+\/[^/@]+)\/([^@]+)/;
const GITLAB_WORKFLOW = /^https:\/\/gitlab\.com\/([^@]+?)\/\/([^@]+)/;

/** The repository and file of a forge's workflow URI (any `@ref` dropped); null for other URIs. */
export function workflowUriParts(uri: string): { repository: string; workflowPath: string } | null {
  const m = GITHUB_WORKFLOW.exec(uri) ?? GITLAB_WORKFLOW.exec(uri);
  return m?.[1] !== undefined && m[2] !== undefined ? { repository: m[1], workflowPath: m[2] } : null;
}

/** `org/shared/.github/workflows/release.yml` for a builder URI; the URI itself when no forge's. */
export function describeBuilderUri(uri: string): string {
  const parts = workflowUriParts(uri);
  return parts === null ? uri : `${parts.repository}/${parts.workflowPath}`;
}

/** A builder from a certificate, as `repo/workflow` (no ref: that is what a pin compares). */
export function describeBuilder(builder: BuilderIdentity): string {
  const { repository, workflowPath } = builder;
  if (repository !== undefined && workflowPath !== undefined) return `${repository}/${workflowPath}`;
  return describeBuilderUri(builderWithoutRef(builder));
}

/** Who a pin names, in one line: `octo/widgets (.github/workflows/release.yml), built by …`. */
export function describePin(pin: IdentityPin): string {
  const who = pin.repository ?? pin.email ?? pin.issuer;
  const withWorkflow = pin.workflowPath === undefined ? who : `${who} (${pin.workflowPath})`;
  return pin.builder === undefined ? withWorkflow : `${withWorkflow}, built by ${describeBuilderUri(pin.builder)}`;
}
