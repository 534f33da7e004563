// Keeps the worker's trust material current: the last good TUF refresh is stored in
// storage.local and installed on start; a refresh runs on start and whenever a verdict is asked
// while the material is older than a day, in the background (verdicts go on with the current
// material), one at a time; a failed refresh keeps the last good material and is recorded with
// its reason, for the popup's About.
// A due refresh starts `refreshDelayMs` after it is found due. tuf-js checks the metadata's
// signatures synchronously, so on the pure-JS verifier: 20-90 ms of the worker's only thread as
// it starts, in a CPU profile of the first visit after install, beside that page's own verdict,
// which no refresh result changes (it goes on with the current material either way).
import { EMBEDDED_SNAPSHOT_DATE } from '../../core/trust-embedded';
import type { TufFetch } from '../../core/trust-tuf';
import { tufFailure } from '../../core/trust-tuf-errors';
import { refreshSigstoreTrust, type RefreshedTrust } from '../../core/trust-tuf-material';
import type { TrustStatus } from '../../shared/messages';
import type { StorageArea } from '../storage-area';
import type { InstalledTrust } from '../trust';
import { parseStoredTrust, STORED_TRUST_KEY, type StoredTrust } from './stored-trust';

const HOUR = 60 * 60 * 1000;
export const REFRESH_AFTER_MS = 24 * HOUR;
/** A failed refresh is not retried on every verdict: an offline browser would ask per page. */
export const RETRY_AFTER_FAILURE_MS = HOUR;
export const STALE_AFTER_MS = 7 * 24 * HOUR;

export interface LiveTrustDeps {
  storage: StorageArea;
  fetch: TufFetch;
  install: (material: InstalledTrust) => void;
  baseUrl?: URL;
  initialRoot?: string;
  now?: () => number;
  timeLimitMs?: number;
  /** How long a due refresh waits before it starts (none: at once). */
  refreshDelayMs?: number;
  log?: (message: string, error: unknown) => void;
}

export interface LiveTrust {
  /** Loads the stored material (installing it), then refreshes if it is older than a day, after the delay. */
  start(): Promise<void>;
  /** Settles once the stored material is loaded and installed (or found missing); never rejects. */
  loaded(): Promise<void>;
  /** Schedules a refresh in the background when due (after the delay; joined while one waits); never waits for it. */
  refreshIfDue(): void;
  /** One refresh (joined if one runs); answers whether it succeeded. */
  refresh(): Promise<boolean>;
  status(): TrustStatus;
}

export function createLiveTrust(deps: LiveTrustDeps): LiveTrust {
  const now = deps.now ?? (() => Date.now());
  let state: StoredTrust = {};
  let loading: Promise<void> | undefined;
  let running: Promise<boolean> | undefined;

  const read = async (): Promise<void> => {
    const stored = parseStoredTrust((await deps.storage.get(STORED_TRUST_KEY))[STORED_TRUST_KEY]);
    // Material older than the snapshot this build ships (stored by an older version) is not
    // worth installing over it: the next refresh replaces it either way.
    if (stored.good && Date.parse(stored.good.materialDate) < Date.parse(EMBEDDED_SNAPSHOT_DATE)) delete stored.good;
    if (stored.good) {
      try {
        deps.install(installable(stored.good, now()));
      } catch (error) {
        deps.log?.('trust material: stored TUF material unusable, kept the embedded one', error);
        delete stored.good;
      }
    }
    state = stored;
  };
  // A read that failed is tried again by the next call (a verdict's ask): kept, it would leave
  // this worker on the build's material, never refreshed, for the rest of its life.
  const load = (): Promise<void> => {
    if (loading === undefined) {
      const reading = read();
      loading = reading;
      reading.catch(() => {
        if (loading === reading) loading = undefined;
      });
    }
    return loading;
  };

  // Times recorded while the clock ran ahead say nothing once it is right again: a failure "in
  // the future" holds back no retry, and material dated later than now is of unknown age.
  const due = (): boolean => {
    const at = now();
    const failedAt = state.failure?.at;
    if (failedAt !== undefined && failedAt <= at && at - failedAt < RETRY_AFTER_FAILURE_MS) return false;
    const verifiedAt = state.good ? Date.parse(state.good.materialDate) : undefined;
    return verifiedAt === undefined || verifiedAt > at || at - verifiedAt > REFRESH_AFTER_MS;
  };

  async function run(): Promise<boolean> {
    await load();
    let refreshed: RefreshedTrust;
    try {
      refreshed = await refreshSigstoreTrust({
        fetch: deps.fetch,
        timeLimitMs: deps.timeLimitMs ?? 60_000,
        now,
        ...(state.good ? { cached: state.good.metadata } : {}),
        ...(deps.baseUrl ? { baseUrl: deps.baseUrl } : {}),
        ...(deps.initialRoot ? { initialRoot: deps.initialRoot } : {}),
      });
      deps.install(installable(refreshed, now()));
    } catch (error) {
      const { reason, message } = tufFailure(error);
      state = { ...state, failure: { at: now(), reason } };
      deps.log?.(`trust material: refresh failed (${reason}), kept the last good material`, message);
      await deps.storage.set({ [STORED_TRUST_KEY]: state });
      return false;
    }
    state = { good: refreshed };
    await deps.storage.set({ [STORED_TRUST_KEY]: state });
    return true;
  }

  const refresh = (): Promise<boolean> => (running ??= run().finally(() => (running = undefined)));

  let waiting: Promise<void> | undefined;
  /** A refresh after the delay, if one is still due then; joined while it waits. */
  const refreshSoon = (): Promise<void> =>
    (waiting ??= new Promise<void>((resolve) => (deps.refreshDelayMs ? setTimeout(resolve, deps.refreshDelayMs) : resolve())).then(async () => {
      waiting = undefined;
      // Decided on what storage holds: a read that was still out when this was asked, and failed,
      // left no state to judge by (review 17); one that fails again decides nothing.
      await load();
      if (due()) await refresh();
    }));

  return {
    start: async () => {
      await load();
      if (due()) await refreshSoon();
    },
    loaded: () => load().catch(() => undefined),
    refreshIfDue: () => {
      if (running || waiting || !loading) return;
      if (due()) refreshSoon().catch(() => undefined);
    },
    refresh,
    status: () => trustStatus(state, now()),
  };
}

/**
 * The trust-gap date is never later than now: material verified while the clock ran ahead would
 * otherwise make honest bundles from an authority added since look forged (red, not grey).
 */
function installable(material: RefreshedTrust, at: number): InstalledTrust {
  const materialDate = new Date(Math.min(Date.parse(material.materialDate), at)).toISOString();
  return { trustedRoot: material.trustedRoot, npmKeys: material.npmKeys, materialDate, id: material.id };
}

function trustStatus(state: StoredTrust, at: number): TrustStatus {
  const good = state.good;
  const failure = state.failure && (!good || state.failure.at > Date.parse(good.materialDate)) ? state.failure : undefined;
  const date = good ? good.materialDate : EMBEDDED_SNAPSHOT_DATE;
  const status: TrustStatus = {
    source: good ? 'tuf' : 'embedded',
    stale: failure !== undefined || at - Date.parse(date) > STALE_AFTER_MS || Date.parse(date) > at,
  };
  if (good) Object.assign(status, { rootVersion: good.versions.root, targetsVersion: good.versions.targets, refreshedAt: good.materialDate });
  if (failure) status.lastFailure = { at: new Date(failure.at).toISOString(), reason: failure.reason };
  return status;
}
