// The pins-and-history part of the message protocol: what a pin, an export file and a seen
// identity look like, and the strict parser a pin from the popup or an import file goes through.
import type { IdentityPin } from '../core/api';
import type { Registry } from '../core/verdict';

/** A package regardless of version: what pins and publisher history are kept for. */
export interface PackageName {
  registry: Registry;
  name: string;
}

/** One identity a package was seen signed by (publisher history), from verified certificates. */
export interface SeenIdentity {
  version: string;
  issuer: string;
  repository?: string;
  workflowPath?: string;
  repositoryId?: string;
  /** Epoch milliseconds. */
  seenAt: number;
}

export interface PinRecord extends PackageName {
  pin: IdentityPin;
  /** Epoch milliseconds. */
  createdAt: number;
}

export interface HistoryRecord extends PackageName {
  /** Newest first. */
  seen: SeenIdentity[];
}

/** What `page/pins-export` answers and `page/pins-import` takes back. */
export interface PinsExport {
  version: 1;
  pins: PinRecord[];
  history: HistoryRecord[];
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const PIN_ISSUER_MAX = 256;
/** `owner/repo` or a GitLab `group/subgroup/project` path. */
const PIN_REPOSITORY = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+){1,15}$/;
const PIN_WORKFLOW = /^[A-Za-z0-9_.\-/]+$/;
const PIN_FIELD_MAX = 256;

/** A pin as the popup or an import file states it: bounded strings, unknown fields dropped. */
export function parseIdentityPin(v: unknown): IdentityPin | null {
  if (!isPlainObject(v)) return null;
  const { issuer, repository, workflowPath } = v;
  if (typeof issuer !== 'string' || issuer.length > PIN_ISSUER_MAX || !issuer.startsWith('https://')) return null;
  try {
    new URL(issuer);
  } catch {
    return null;
  }
  if (typeof repository !== 'string' || repository.length > PIN_FIELD_MAX || !PIN_REPOSITORY.test(repository)) return null;
  if (workflowPath === undefined) return { issuer, repository };
  if (typeof workflowPath !== 'string' || workflowPath.length > PIN_FIELD_MAX || !PIN_WORKFLOW.test(workflowPath)) return null;
  if (workflowPath.split('/').some((seg) => seg === '' || seg === '.' || seg === '..')) return null;
  return { issuer, repository, workflowPath };
}
