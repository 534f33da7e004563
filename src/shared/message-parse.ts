// Structural validation of the messages the worker receives (messages.ts): every field is
// checked and copied, so the router only ever sees a fresh object of a known shape.
import type { PackageRef } from '../core/verdict';
import { parsePypiNotice } from './pypi-notices';
import { isPlainObject, parseIdentityPin } from './pin-protocol';
import { MAX_SEARCH_BATCH, type Message, type MessageErrorCode, type ReplyMap } from './messages';

const MESSAGE_TYPES: ReadonlySet<string> = new Set<keyof ReplyMap>([
  'content/verdict',
  'content/search-verdicts',
  'content/settings',
  'content/prepare',
  'content/panel',
  'page/active-verdict',
  'page/retry',
  'page/settings-get',
  'page/settings-set',
  'page/cache-clear',
  'page/pin-set',
  'page/pin-remove',
  'page/pin-get',
  'page/pins-export',
  'page/pins-import',
  'page/about',
  'content/timeline',
  'page/timeline',
]);

function parsePackageRef(v: unknown): PackageRef | null {
  if (!isPlainObject(v)) return null;
  const { registry, name, version } = v;
  if (registry !== 'pypi' && registry !== 'npm') return null;
  if (typeof name !== 'string' || name.length === 0 || name.length > 214) return null;
  if (version !== undefined && (typeof version !== 'string' || version.length === 0 || version.length > 128)) return null;
  return version === undefined ? { registry, name } : { registry, name, version };
}

/** At most this many filenames from a release page (a real release has a few dozen). */
export const MAX_PAGE_FILES = 500;

function parseFilenames(v: unknown): string[] | null {
  if (!Array.isArray(v) || v.length > MAX_PAGE_FILES) return null;
  const ok = v.every((f) => typeof f === 'string' && f.length > 0 && f.length <= 255);
  return ok ? [...(v as string[])] : null;
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
    case 'content/search-verdicts': {
      if (!Array.isArray(raw.pkgs) || raw.pkgs.length === 0 || raw.pkgs.length > MAX_SEARCH_BATCH) return { ok: false, code: 'MSG_MALFORMED' };
      if (raw.details !== undefined && raw.details !== true) return { ok: false, code: 'MSG_MALFORMED' };
      const pkgs = raw.pkgs.map(parsePackageRef);
      if (!pkgs.every((p) => p !== null)) return { ok: false, code: 'MSG_BAD_PACKAGE' };
      return { ok: true, message: { type, pkgs, ...(raw.details ? { details: true as const } : {}) } };
    }
    case 'content/verdict': {
      const pkg = parsePackageRef(raw.pkg);
      if (!pkg) return { ok: false, code: 'MSG_BAD_PACKAGE' };
      const files = raw.files === undefined ? undefined : parseFilenames(raw.files);
      const notice = raw.notice === undefined ? undefined : parsePypiNotice(raw.notice);
      const shown = raw.shownVersion;
      const badShown = shown !== undefined && (typeof shown !== 'string' || shown.length === 0 || shown.length > 100);
      if (files === null || (raw.notice !== undefined && notice === undefined) || badShown) return { ok: false, code: 'MSG_MALFORMED' };
      const shownVersion = typeof shown === 'string' ? { shownVersion: shown } : {};
      return { ok: true, message: { type, pkg, ...(files ? { files } : {}), ...(notice ? { notice } : {}), ...shownVersion } };
    }
    case 'page/retry': {
      const pkg = parsePackageRef(raw.pkg);
      if (!pkg) return { ok: false, code: 'MSG_BAD_PACKAGE' };
      if (raw.tabId === undefined) return { ok: true, message: { type, pkg } };
      return Number.isSafeInteger(raw.tabId) ? { ok: true, message: { type, pkg, tabId: raw.tabId as number } } : { ok: false, code: 'MSG_MALFORMED' };
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
    case 'page/pin-set': {
      const pkg = parsePackageRef(raw.pkg);
      if (!pkg) return { ok: false, code: 'MSG_BAD_PACKAGE' };
      const pin = parseIdentityPin(raw.pin);
      return pin ? { ok: true, message: { type, pkg, pin } } : { ok: false, code: 'MSG_MALFORMED' };
    }
    case 'page/pin-remove':
    case 'page/pin-get': {
      const pkg = parsePackageRef(raw.pkg);
      if (!pkg) return { ok: false, code: 'MSG_BAD_PACKAGE' };
      if (type === 'page/pin-get') return { ok: true, message: { type, pkg: { registry: pkg.registry, name: pkg.name } } };
      return { ok: true, message: { type, pkg } };
    }
    case 'content/timeline':
    case 'page/timeline': {
      const pkg = parsePackageRef(raw.pkg);
      if (!pkg) return { ok: false, code: 'MSG_BAD_PACKAGE' };
      if (raw.progress !== undefined && raw.progress !== true) return { ok: false, code: 'MSG_MALFORMED' };
      return { ok: true, message: { type, pkg: { registry: pkg.registry, name: pkg.name }, ...(raw.progress ? { progress: true as const } : {}) } };
    }
    case 'page/pins-import':
      // The content is checked in full by the worker's import, which knows the limits.
      return raw.data === undefined || raw.data === null ? { ok: false, code: 'MSG_MALFORMED' } : { ok: true, message: { type, data: raw.data } };
    case 'content/settings':
    case 'content/prepare':
    case 'content/panel':
    case 'page/settings-get':
    case 'page/cache-clear':
    case 'page/pins-export':
    case 'page/about':
      return { ok: true, message: { type } };
  }
}
