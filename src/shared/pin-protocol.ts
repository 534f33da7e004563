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
  ownerId?: string;
  /** Google publisher: the service-account e-mail. */
  email?: string;
  /** The builder workflow's URI without its ref, as a pin keeps it (builderWithoutRef). */
  builder?: string;
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

/**
 * What `page/pins-export` answers and `page/pins-import` takes back. The fields added since
 * (e-mail, ids, builder) are optional, so version 1 files written before them still import.
 */
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
/** One address, no spaces or angle brackets: Google service accounts, `name@project.iam.gserviceaccount.com`. */
const PIN_EMAIL = /^[^\s@<>"]+@[^\s@<>"/]+$/;
/** Fulcio .15 / .17: GitHub and GitLab use decimal numbers; other forges may use short tokens. */
const PIN_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const PIN_FIELD_MAX = 256;
/** A builder URI holds a repository and a workflow path: longer than either alone. */
const PIN_BUILDER_MAX = 512;

function isHttpsUrl(v: unknown, max: number): v is string {
  if (typeof v !== 'string' || v.length > max || !v.startsWith('https://')) return false;
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}

const isWorkflowPath = (v: unknown): v is string =>
  typeof v === 'string' &&
  v.length <= PIN_FIELD_MAX &&
  PIN_WORKFLOW.test(v) &&
  !v.split('/').some((seg) => seg === '' || seg === '.' || seg === '..');

// Each optional field: absent, or a value its grammar allows. A present but bad value refuses
// the whole pin, as a half-read pin could pin a package to less than the person chose.
const PIN_FIELDS = {
  repository: (v: unknown) => typeof v === 'string' && v.length <= PIN_FIELD_MAX && PIN_REPOSITORY.test(v),
  workflowPath: isWorkflowPath,
  email: (v: unknown) => typeof v === 'string' && v.length <= PIN_FIELD_MAX && PIN_EMAIL.test(v),
  repositoryId: (v: unknown) => typeof v === 'string' && PIN_ID.test(v),
  ownerId: (v: unknown) => typeof v === 'string' && PIN_ID.test(v),
  // The builder is kept without its ref: an `@` would be the start of one.
  builder: (v: unknown) => isHttpsUrl(v, PIN_BUILDER_MAX) && !v.includes('@'),
} satisfies Record<Exclude<keyof IdentityPin, 'issuer'>, (v: unknown) => boolean>;

/**
 * A pin as the popup or an import file states it: bounded strings, unknown fields dropped. It
 * names a source: a repository (GitHub, GitLab) or a service-account e-mail (Google).
 */
export function parseIdentityPin(v: unknown): IdentityPin | null {
  if (!isPlainObject(v) || !isHttpsUrl(v.issuer, PIN_ISSUER_MAX)) return null;
  const pin: IdentityPin = { issuer: v.issuer };
  for (const [key, valid] of Object.entries(PIN_FIELDS) as [keyof typeof PIN_FIELDS, (v: unknown) => boolean][]) {
    const value = v[key];
    if (value === undefined) continue;
    if (!valid(value)) return null;
    pin[key] = value as string;
  }
  return pin.repository !== undefined || pin.email !== undefined ? pin : null;
}
