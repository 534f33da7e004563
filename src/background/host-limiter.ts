// At most N requests in flight per origin: a search page that scrolls fifty results into
// view must not hammer the registry (and trip its rate limit for the whole browser).

export class HostLimiter {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly perHost: number) {}

  async run<T>(origin: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(origin);
    try {
      return await task();
    } finally {
      this.release(origin);
    }
  }

  private acquire(origin: string): Promise<void> {
    const n = this.active.get(origin) ?? 0;
    if (n < this.perHost) {
      this.active.set(origin, n + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = this.waiting.get(origin) ?? [];
      queue.push(resolve);
      this.waiting.set(origin, queue);
    });
  }

  private release(origin: string): void {
    const next = this.waiting.get(origin)?.shift();
    // Hand the slot straight to the next waiter, so the count never drops in between.
    if (next) return next();
    const n = (this.active.get(origin) ?? 1) - 1;
    if (n <= 0) this.active.delete(origin);
    else this.active.set(origin, n);
    if (this.waiting.get(origin)?.length === 0) this.waiting.delete(origin);
  }
}
