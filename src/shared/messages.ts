// The one typed message protocol between content scripts, extension pages and the worker.
// Type names say direction: `content/*` from content scripts, `page/*` from extension pages
// (popup, options). The router decides privilege from the sender, never from the message.
import type { PackageRef, PackageVerdict } from '../core/verdict';

export interface Settings {
  /** Badge every result on registry search pages. */
  searchBadges: boolean;
}

export const DEFAULT_SETTINGS: Settings = { searchBadges: true };

export type ContentMessage =
  /** The package page the tab shows, for the title badge and per-file badges. */
  | { type: 'content/verdict'; pkg: PackageRef }
  /** One search result that scrolled into view. */
  | { type: 'content/search-verdict'; pkg: PackageRef }
  | { type: 'content/settings' };

export type PageMessage =
  | { type: 'page/active-verdict'; tabId: number }
  | { type: 'page/retry'; pkg: PackageRef }
  | { type: 'page/settings-get' }
  | { type: 'page/settings-set'; settings: Settings }
  | { type: 'page/cache-clear' };

export type Message = ContentMessage | PageMessage;

export type MessageErrorCode =
  | 'MSG_MALFORMED'
  | 'MSG_UNKNOWN_TYPE'
  | 'MSG_FORBIDDEN_SENDER'
  | 'MSG_BAD_PACKAGE'
  | 'MSG_NOT_A_PACKAGE_PAGE'
  | 'MSG_INTERNAL';

export type Reply<T> = { ok: true; value: T } | { ok: false; code: MessageErrorCode; message: string };

/**
 * What each message type answers with. A verdict's `pkg.version` is the version the worker
 * resolved (a "latest" page learns it here); it is '' only on an `unavailable` verdict given
 * before the registry said which version is latest.
 */
export interface ReplyMap {
  'content/verdict': PackageVerdict;
  'content/search-verdict': PackageVerdict;
  'content/settings': Settings;
  'page/active-verdict': { pkg: PackageRef; verdict: PackageVerdict } | null;
  'page/retry': PackageVerdict;
  'page/settings-get': Settings;
  'page/settings-set': Settings;
  'page/cache-clear': { cleared: number };
}

export type ReplyFor<M extends Message> = Reply<ReplyMap[M['type']]>;

const MESSAGE_TYPES: ReadonlySet<string> = new Set<keyof ReplyMap>([
  'content/verdict',
  'content/search-verdict',
  'content/settings',
  'page/active-verdict',
  'page/retry',
  'page/settings-get',
  'page/settings-set',
  'page/cache-clear',
]);

export function isContentMessage(m: Message): m is ContentMessage {
  return m.type.startsWith('content/');
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parsePackageRef(v: unknown): PackageRef | null {
  if (!isPlainObject(v)) return null;
  const { registry, name, version } = v;
  if (registry !== 'pypi' && registry !== 'npm') return null;
  if (typeof name !== 'string' || name.length === 0 || name.length > 214) return null;
  if (version !== undefined && (typeof version !== 'string' || version.length === 0 || version.length > 128)) return null;
  return version === undefined ? { registry, name } : { registry, name, version };
}

/**
 * Structural validation of an incoming message; grammar checks of names and versions
 * belong to the registry adapters. Returns a fresh object holding only known fields.
 */
export function parseMessage(raw: unknown): { ok: true; message: Message } | { ok: false; code: MessageErrorCode } {
  if (!isPlainObject(raw) || typeof raw.type !== 'string') return { ok: false, code: 'MSG_MALFORMED' };
  if (!MESSAGE_TYPES.has(raw.type)) return { ok: false, code: 'MSG_UNKNOWN_TYPE' };
  const type = raw.type as keyof ReplyMap;
  switch (type) {
    case 'content/verdict':
    case 'content/search-verdict':
    case 'page/retry': {
      const pkg = parsePackageRef(raw.pkg);
      return pkg ? { ok: true, message: { type, pkg } } : { ok: false, code: 'MSG_BAD_PACKAGE' };
    }
    case 'page/active-verdict':
      return Number.isSafeInteger(raw.tabId)
        ? { ok: true, message: { type, tabId: raw.tabId as number } }
        : { ok: false, code: 'MSG_MALFORMED' };
    case 'page/settings-set': {
      const s = raw.settings;
      if (!isPlainObject(s) || typeof s.searchBadges !== 'boolean') return { ok: false, code: 'MSG_MALFORMED' };
      return { ok: true, message: { type, settings: { searchBadges: s.searchBadges } } };
    }
    case 'content/settings':
    case 'page/settings-get':
    case 'page/cache-clear':
      return { ok: true, message: { type } };
  }
}
