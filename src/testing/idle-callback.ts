// happy-dom has no requestIdleCallback; the browsers we ship to all do. Test files that render
// deferred badges import this first: idle callbacks then run on the next timer turn.
const g = globalThis as { requestIdleCallback?: unknown; cancelIdleCallback?: unknown };
g.requestIdleCallback ??= (run: (deadline: IdleDeadline) => void): number =>
  setTimeout(() => run({ didTimeout: false, timeRemaining: () => 0 }), 1) as unknown as number;
g.cancelIdleCallback ??= (handle: number): void => clearTimeout(handle);
