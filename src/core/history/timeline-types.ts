// The shapes of a package's release timeline (issue 17): what each release showed, and the
// events read from the sequence. Only verified certificate identities appear here; a registry's
// unsigned publisher field never does. Kept apart from the logic so the UI can import types only.
import type { ErrorCode } from '../errors';
import type { InconsistentSources, PublisherChange, SignerIdentity } from '../verdict';

/** `unknown`: the release could not be checked (network, registry, budget); never "none". */
export type TimelineStatus = 'verified' | 'partial' | 'none' | 'invalid' | 'unknown';

export interface TimelineRelease {
  version: string;
  /** ISO 8601 upload (PyPI) or publish (npm) time, when the registry gave a readable one. */
  publishedAt?: string;
  prerelease: boolean;
  /** PyPI: every file of the release is yanked. */
  yanked?: boolean;
  /** npm: the version carries a deprecation message. */
  deprecated?: boolean;
  status: TimelineStatus;
  /** verified and partial: the certificate identity the release's verified files agree on. */
  identity?: SignerIdentity;
  /** Files of one publisher built from different refs, commits or builders (DESIGN 2). */
  inconsistent?: InconsistentSources;
  /** partial: files verified, of how many. */
  verifiedCount?: number;
  totalCount?: number;
  /** invalid: the check that failed; unknown: why the check could not be made. */
  code?: ErrorCode;
  message?: string;
  /** unknown because the per-package request budget ran out before this release's turn. */
  notChecked?: 'budget';
}

/** A release the maintainers withdrew; notes name it, since a withdrawn release still happened. */
export type Withdrawn = 'yanked' | 'deprecated';

interface At {
  version: string;
  withdrawn?: Withdrawn;
}

/** The identity fields that changed, as continuity reports them (src/core/continuity.ts). */
type Change = Pick<PublisherChange, 'field' | 'from' | 'to'> & { previousVersion: string; previous: SignerIdentity; identity: SignerIdentity };

export type TimelineEvent =
  /**
   * Provenance starts. `after`: 'none' when earlier releases were checked and had none, 'first'
   * when this is the first release listed, 'unchecked' when the earlier ones could not be checked.
   */
  | (At & { kind: 'began'; identity: SignerIdentity; after: 'none' | 'first' | 'unchecked' })
  /** A release without provenance after attested ones; `had*` is the attested run before it. */
  | (At & { kind: 'lost'; hadFrom: string; hadTo: string; previous: SignerIdentity; ongoing: boolean })
  /** Provenance again after releases without it. */
  | (At & { kind: 'returned'; identity: SignerIdentity; lostSince: string })
  | (At & Change & { kind: 'publisher-changed' })
  /** The publisher changed to one that signed earlier releases; `lastSeen` is its latest such release. */
  | (At & Change & { kind: 'changed-back'; lastSeen: string })
  | (At & { kind: 'inconsistent'; sources: InconsistentSources })
  | (At & { kind: 'failed'; code: ErrorCode });

/** Who publishes the newest decided release, and since which release without a break. */
export type CurrentPublisher = { kind: 'attested'; identity: SignerIdentity; since: string } | { kind: 'none'; since: string };

/** How much of the history was checked. */
export interface TimelineCoverage {
  /** Releases the registry lists. */
  listed: number;
  /** Releases checked (verified, or tried and found unknown). */
  checked: number;
  /** More releases than are checked one by one: the older ones were bisected. */
  bisected: boolean;
}

export interface TimelineSummary {
  /** Oldest first: they read as a story. */
  events: TimelineEvent[];
  notes: string[];
  current?: CurrentPublisher;
}
