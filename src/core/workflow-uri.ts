// Workflow URIs as Fulcio writes them into the Build Signer URI (.9) and Build Config URI (.18):
// GitHub `https://github.com/<owner>/<repo>/<path>@<ref>`, GitLab
// `https://gitlab.com/<group/project>//<path>@<ref>` (the `//` ends the project path).
// Parsed by plain string steps: the URL parser would resolve `..` and re-encode characters,
// and a value shown to a person must be the one the certificate holds.
import type { BuilderIdentity, Forge, SignerIdentity } from './verdict';

const HOSTS: Partial<Record<Forge, string>> = { github: 'https://github.com/', gitlab: 'https://gitlab.com/' };

export interface WorkflowUri {
  repository: string;
  workflowPath: string;
  ref: string;
}

/**
 * Splits a workflow URI into repository, workflow path and ref. The ref starts at the first `@`
 * after the repository: branch names may hold `@` (dependabot's `@types/...` branches), while
 * workflow files do not in practice.
 */
export function parseWorkflowUri(uri: string, forge: Forge): WorkflowUri | undefined {
  const host = HOSTS[forge];
  if (!host || !uri.startsWith(host)) return undefined;
  const rest = uri.slice(host.length);
  let repository: string;
  let tail: string;
  if (forge === 'gitlab') {
    const split = rest.indexOf('//');
    if (split <= 0) return undefined;
    repository = rest.slice(0, split);
    tail = rest.slice(split + 2);
  } else {
    const parts = rest.split('/');
    if (parts.length < 3) return undefined;
    repository = `${parts[0]}/${parts[1]}`;
    tail = parts.slice(2).join('/');
  }
  const at = tail.indexOf('@');
  if (repository.includes('@') || repository.startsWith('/') || repository.endsWith('/') || at <= 0 || at === tail.length - 1) {
    return undefined;
  }
  return { repository, workflowPath: tail.slice(0, at), ref: tail.slice(at + 1) };
}

/** GitHub only runs reusable workflows from `.github/workflows/<file>` at an explicit `@ref`. */
export function isGithubWorkflowUri(uri: string): boolean {
  const parsed = parseWorkflowUri(uri, 'github');
  if (!parsed) return false;
  const dir = '.github/workflows/';
  const file = parsed.workflowPath.slice(dir.length);
  return parsed.workflowPath.startsWith(dir) && file !== '' && !file.includes('/');
}

/** The Build Signer URI (.9): the builder's when another workflow built, else the caller's own. */
export function buildSignerUri(identity: SignerIdentity): string {
  return identity.builder?.uri ?? identity.buildConfigUri ?? identity.san;
}

/** A workflow URI without its `@ref`: what stays the same when a builder is bumped v1.9 -> v1.10. */
export function withoutRef(uri: string, ref?: string): string {
  if (ref !== undefined && uri.endsWith(`@${ref}`)) return uri.slice(0, -(ref.length + 1));
  const scheme = uri.indexOf('://');
  const at = uri.indexOf('@', scheme < 0 ? 0 : scheme + 3);
  return at < 0 ? uri : uri.slice(0, at);
}

/** The builder's URI without its ref: the form continuity and pins compare and store. */
export function builderWithoutRef(builder: BuilderIdentity): string {
  return withoutRef(builder.uri, builder.ref);
}

/**
 * A workflow URI (without ref) in the form two spellings of one workflow share: GitHub owner and
 * repository names are case-insensitive, the workflow path and everything on GitLab are not.
 */
export function foldWorkflowUri(uri: string): string {
  const host = HOSTS.github!;
  if (uri.slice(0, host.length).toLowerCase() !== host) return uri;
  const parts = uri.slice(host.length).split('/');
  return host + parts.map((p, i) => (i < 2 ? p.toLowerCase() : p)).join('/');
}

/** `https://github.com/o/r` -> `o/r`; `https://gitlab.com/group/sub/project` -> `group/sub/project`. */
export function repositoryPath(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const path = parsed.pathname.replace(/^\/+|\/+$/g, '');
  return path === '' ? undefined : path;
}

/**
 * Workflow file path from the build config URI: GitHub `https://github.com/<o>/<r>/<path>@<ref>`,
 * GitLab `https://gitlab.com/<group/project>//<path>@<ref>` (the `//` separates the project).
 */
export function workflowPathOf(buildConfigUri: string, forge: Forge, ref?: string): string | undefined {
  let rest: string;
  if (ref && buildConfigUri.endsWith(`@${ref}`)) rest = buildConfigUri.slice(0, -(ref.length + 1));
  else if (buildConfigUri.includes('@')) rest = buildConfigUri.slice(0, buildConfigUri.lastIndexOf('@'));
  else return undefined;
  const scheme = rest.indexOf('://');
  if (scheme < 0) return undefined;
  const afterHost = rest.indexOf('/', scheme + 3);
  if (afterHost < 0) return undefined;
  const path = rest.slice(afterHost + 1);
  if (forge === 'gitlab') {
    const split = path.indexOf('//');
    return split > 0 ? path.slice(split + 2) || undefined : undefined;
  }
  const parts = path.split('/');
  return parts.length > 2 ? parts.slice(2).join('/') : undefined;
}
