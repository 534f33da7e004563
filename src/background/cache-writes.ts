// The verdict cache's writes, one at a time. Every write of a verdict rewrites the cache's order
// map (savedAt by storage key, up to 2000 keys, for eviction), and storage.local serializes it
// on the worker's thread: about 24 ms per write with a full cache (measured in Chromium). A
// search page stores twenty-odd verdicts in a burst, so verdict writes that queue up behind the
// write in progress are merged into one, applied in the order they were asked.

/** One verdict's write: its items, and the keys it says no longer hold (written first, then dropped). */
export interface WritePlan {
  savedAt: number;
  items: Record<string, unknown>;
  outdated: readonly string[];
}

export interface MergedWrite {
  items: Record<string, unknown>;
  /** savedAt of every key written. */
  savedAt: Map<string, number>;
  /** Keys to remove: outdated by a plan, and not written again by a later one. */
  outdated: Set<string>;
}

/** The end state of applying `plans` one after another. */
export function mergeWrites(plans: readonly WritePlan[]): MergedWrite {
  const items: Record<string, unknown> = {};
  const savedAt = new Map<string, number>();
  const outdated = new Set<string>();
  for (const plan of plans) {
    for (const [key, item] of Object.entries(plan.items)) {
      items[key] = item;
      savedAt.set(key, plan.savedAt);
      outdated.delete(key);
    }
    for (const key of plan.outdated) {
      delete items[key];
      savedAt.delete(key);
      outdated.add(key);
    }
  }
  return { items, savedAt, outdated };
}

/**
 * Runs tasks one at a time, in the order asked. Writes asked while the batch they would join
 * has not started share that batch; a batch waits up to `gatherMs` for more before it starts
 * (the verdicts of a search page arrive over a few hundred milliseconds, and the work they
 * wait on is verification, not storage). Any other task closes the open batch and starts it at
 * once, so nothing asked after a task (a clear, a removal) is written before it.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private open: { plans: WritePlan[]; done: Promise<void>; start: () => void } | undefined;

  constructor(
    private readonly flush: (plans: WritePlan[]) => Promise<void>,
    private readonly gatherMs = 0,
  ) {}

  run<T>(task: () => Promise<T>): Promise<T> {
    this.open?.start();
    this.open = undefined;
    return this.enqueue(task);
  }

  write(plan: WritePlan): Promise<void> {
    if (this.open) {
      this.open.plans.push(plan);
      return this.open.done;
    }
    const plans = [plan];
    let start = () => {};
    const gathered = this.gatherMs > 0 ? new Promise<void>((resolve) => (start = resolve)) : Promise.resolve();
    const timer = this.gatherMs > 0 ? setTimeout(start, this.gatherMs) : undefined;
    const batch = {
      plans,
      start: () => {
        clearTimeout(timer);
        start();
      },
      done: this.enqueue(async () => {
        await gathered;
        if (this.open === batch) this.open = undefined;
        return this.flush(plans);
      }),
    };
    this.open = batch;
    return batch.done;
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

/**
 * Writes asked but not yet in storage, so that reads see them (a Retry's new verdict must answer
 * the ask that follows it, not the one storage still holds): the latest item by key, or null
 * for a key such a write removes. Settled once its batch's storage write ends, taken or not.
 */
export class PendingWrites {
  private readonly byKey = new Map<string, { plan: WritePlan; item: unknown }>();

  add(plan: WritePlan): void {
    for (const [key, item] of Object.entries(plan.items)) this.byKey.set(key, { plan, item });
    for (const key of plan.outdated) this.byKey.set(key, { plan, item: null });
  }

  /** undefined: nothing pending for `key`; null: a pending removal; else the pending item. */
  get(key: string): unknown {
    return this.byKey.get(key)?.item;
  }

  settle(plans: readonly WritePlan[]): void {
    for (const [key, { plan }] of this.byKey) if (plans.includes(plan)) this.byKey.delete(key);
  }
}
