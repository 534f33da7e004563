// The one typed message protocol between content scripts, extension pages and the worker.
// Type names say direction: `content/*` from content scripts, `page/*` from extension pages
// (popup, options). The router decides privilege from the sender, never from the message.
import type { IdentityPin } from '../core/api';
import type { PackageRef, PackageVerdict, Registry } from '../core/verdict';
import type { ErrorCode } from '../core/errors';
import type { TimelineCoverage, TimelineRelease, TimelineSummary } from '../core/history/timeline-types';
import type { PypiNotice } from './pypi-notices';
import type { PackageName, PinsExport, SeenIdentity } from './pin-protocol';

export type { HistoryRecord, PackageName, PinRecord, PinsExport, SeenIdentity } from './pin-protocol';
export { parseIdentityPin } from './pin-protocol';

export interface Settings {
  /** Badge every result on registry search pages. */
  searchBadges: boolean;
}

export const DEFAULT_SETTINGS: Settings = { searchBadges: true };

export type ContentMessage =
  /**
   * The package page the tab shows, for the title badge and per-file badges. `files`: the
   * filenames a PyPI release page lists, which the verdict must cover to be verified. `notice`:
   * which of PyPI's own release notices the page shows, compared with the verdict in its note.
   * `shownVersion`: on a "latest" page, the version its header shows.
   */
  | ({ type: 'content/verdict'; pkg: PackageRef } & PageInputs)
  /**
   * The search results that scrolled into view together, answered in one reply, in order; to a
   * search page abridged for its badges (abridged-verdict.ts) unless `details` asks for them whole
   * (the details panel).
   */
  | { type: 'content/search-verdicts'; pkgs: PackageRef[]; details?: true }
  | { type: 'content/settings' }
  /**
   * Sent as the document starts loading, before the page can be read: start deciding the verdict
   * of the package the tab's URL shows, which `content/verdict` then takes. It names nothing; the
   * worker reads the package from the sender's URL. From a search page: which kept verdicts its
   * results had when this URL was shown before (search-memory.ts).
   */
  | { type: 'content/prepare' }
  /** A badge was clicked: inject the details panel's script (panel.js) into this tab, once. */
  | { type: 'content/panel' }
  /** The details panel's Release history: the timeline of the package the tab shows (TimelineAsk). */
  | ({ type: 'content/timeline' } & TimelineAsk);

/**
 * A release timeline is built only when a Release history fold is opened. `progress`: how far the
 * build for `pkg` is, never starting one (the fold's "Checking N releases…").
 */
export interface TimelineAsk {
  pkg: PackageName;
  progress?: true;
}

/** What a package page says of itself beside its URL: it can take a verdict down, never up. */
export interface PageInputs {
  files?: string[];
  notice?: PypiNotice;
  shownVersion?: string;
}

export type PageMessage =
  | { type: 'page/active-verdict'; tabId: number }
  /** With `tabId` (the popup's tab), the reply is the verdict as recorded for that tab's page. */
  | { type: 'page/retry'; pkg: PackageRef; tabId?: number }
  | { type: 'page/settings-get' }
  | { type: 'page/settings-set'; settings: Settings }
  | { type: 'page/cache-clear' }
  /**
   * Pins a package to a publisher. With `pkg.version`, the reply carries that version's
   * verdict under the new pin, and tabs showing it are updated.
   */
  | { type: 'page/pin-set'; pkg: PackageName & { version?: string }; pin: IdentityPin }
  | { type: 'page/pin-remove'; pkg: PackageName & { version?: string } }
  | { type: 'page/pin-get'; pkg: PackageName }
  | { type: 'page/pins-export' }
  /** `data`: a PinsExport object, or its JSON text; checked in full before anything is written. */
  | { type: 'page/pins-import'; data: unknown }
  /** The extension's version and the date of its trusted-root snapshot, for the popup's About. */
  | { type: 'page/about' }
  /** The popup's Release history: the timeline of the package it shows (TimelineAsk). */
  | ({ type: 'page/timeline' } & TimelineAsk);

export type Message = ContentMessage | PageMessage;

/** The worker to a tab's content script: the page's verdict was decided anew; ask for it again. */
export const ASK_AGAIN = 'worker/ask-again';

export type MessageErrorCode =
  | 'MSG_MALFORMED'
  | 'MSG_UNKNOWN_TYPE'
  | 'MSG_FORBIDDEN_SENDER'
  | 'MSG_BAD_PACKAGE'
  | 'MSG_NOT_A_PACKAGE_PAGE'
  | 'MSG_INTERNAL';

export type Reply<T> = ({ ok: true; value: T } | { ok: false; code: MessageErrorCode; message: string }) & {
  /** The sentence for each code in the reply (the content scripts carry no table of them). */
  texts?: Record<string, string>;
  /** Replies to content scripts: each signer identity once, referred to by position (identity-table.ts). */
  identities?: Record<string, unknown>[];
};

/**
 * A search result's kept verdict, under the package as that page asked about it, and when the
 * registry's freshness of it ends (ms since the epoch; none: it never changes, an npm version).
 */
export interface EarlySearchVerdict {
  asked: PackageRef;
  verdict: PackageVerdict;
  until?: number;
}

/**
 * What each message type answers with. A verdict's `pkg.version` is the version the worker
 * resolved (a "latest" page learns it here); it is '' only on an `unavailable` verdict given
 * before the registry said which version is latest.
 */
export interface ReplyMap {
  'content/verdict': PackageVerdict;
  'content/search-verdicts': Reply<PackageVerdict>[];
  'content/settings': Settings;
  /**
   * A package page: the verdict prepared for the URL's package, not yet judged against the page;
   * null if none. A search page: the kept verdicts of the results this URL asked about before.
   */
  'content/prepare': PackageVerdict | null | EarlySearchVerdict[];
  'content/panel': true;
  /** The tab's verdict; `checking` while its page's request is being answered; null for no package page. */
  'page/active-verdict': { pkg: PackageRef; verdict: PackageVerdict } | { pkg: PackageRef; checking: true } | null;
  'page/retry': PackageVerdict;
  'page/settings-get': Settings;
  'page/settings-set': Settings;
  'page/cache-clear': { cleared: number };
  'page/pin-set': { pin: IdentityPin; verdict: PackageVerdict | null };
  'page/pin-remove': { removed: boolean; verdict: PackageVerdict | null };
  'page/pin-get': { pin: IdentityPin | null; seen: SeenIdentity[] };
  'page/pins-export': PinsExport;
  /** Counts after the import (imported records merged over the stored ones). */
  'page/pins-import': { pins: number; history: number };
  'page/about': AboutInfo;
  'content/timeline': TimelineAnswer;
  'page/timeline': TimelineAnswer;
}

/** A package's release timeline as the worker sends it (registries/history's Timeline, less its bookkeeping). */
export interface TimelineView extends TimelineSummary {
  registry: Registry;
  name: string;
  /** Newest first; when the history was bisected, only the releases checked. */
  releases: TimelineRelease[];
  coverage: TimelineCoverage;
}

export type TimelineAnswer =
  | { kind: 'timeline'; timeline: TimelineView }
  /** To a `progress` ask while the timeline is built: how many releases the registry lists, once read. */
  | { kind: 'checking'; listed?: number }
  /** To a `progress` ask: nothing is built or being built for this package. */
  | { kind: 'idle' }
  /** Couldn't check: the release list, the network or the trust material failed; asking again may help. */
  | { kind: 'unavailable'; code: ErrorCode; message: string }
  /** The same popup or tab asked for another package's timeline since, and nobody else wanted this one. */
  | { kind: 'cancelled' };

export interface AboutInfo {
  /** The manifest's version. */
  version: string;
  /** ISO 8601 date of the trust material in use (when TUF verified it, or the embedded snapshot's). */
  trustedRootDate: string;
  /** Where the trust material came from and how current it is; absent from older workers. */
  trust?: TrustStatus;
}

/** The live trust material's state, for the popup's About. */
export interface TrustStatus {
  /** `tuf`: refreshed from Sigstore's TUF repository; `embedded`: the snapshot built in. */
  source: 'tuf' | 'embedded';
  /** TUF root and targets metadata versions of the material in use (source `tuf`). */
  rootVersion?: number;
  targetsVersion?: number;
  /** ISO time of the last refresh that succeeded. */
  refreshedAt?: string;
  /** The last refresh attempt failed (after the last success): when, and its reason code. */
  lastFailure?: { at: string; reason: string };
  /** Not refreshed for more than 7 days, or the last refresh failed. */
  stale: boolean;
}

export type ReplyFor<M extends Message> = Reply<ReplyMap[M['type']]>;

/** At most this many search results in one request: a page shows 20 to a screen. */
export const MAX_SEARCH_BATCH = 50;

export function isContentMessage(m: Message): m is ContentMessage {
  return m.type.startsWith('content/');
}
