// Small statistics and table helpers for benchmark scripts: medians, not means, because a
// shared machine produces the odd slow outlier that would drag a mean around. Also the summary
// rows every benchmark hands to bench/run.ts: each benchmark runs as its own process (a cold
// JIT is part of what is measured), so rows travel through a JSON file named by the runner.
import { writeFileSync } from 'node:fs';

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Milliseconds spent in `fn` (one call), with the result kept so it is not optimised away. */
export function timeOnce<T>(fn: () => T): { ms: number; result: T } {
  const start = performance.now();
  const result = fn();
  return { ms: performance.now() - start, result };
}

export const ms = (value: number): string => `${value.toFixed(2)} ms`;
export const ratio = (value: number): string => `${value.toFixed(2)}x`;

/** Renders rows as a plain-text table with right-aligned numeric columns. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export interface SummaryRow {
  figure: string;
  median: string;
  target: string;
  /** `ratio`, `ok`/`over`, or `info` for figures without a target. */
  verdict: string;
}

export const SUMMARY_FILE_ENV = 'PROVENANCE_LENS_BENCH_SUMMARY';

/** "ok" or "OVER" for a measured value against an upper bound, with the ratio to the bound. */
export function against(value: number, limit: number): string {
  return `${value <= limit ? 'ok' : 'OVER'} (${(value / limit).toFixed(2)} of target)`;
}

/** A ratio held to an upper bound, e.g. "1.23x ok". */
export function ratioVerdict(value: number, limit: number): string {
  return `${value.toFixed(2)}x ${value <= limit ? 'ok' : 'OVER'}`;
}

export function renderSummary(rows: readonly SummaryRow[]): string {
  return renderTable(
    ['figure', 'median', 'target', 'ratio / verdict'],
    rows.map((r) => [r.figure, r.median, r.target, r.verdict]),
  );
}

/** Prints a benchmark's own summary and passes the rows on to the runner, if there is one. */
export function finishBench(title: string, rows: readonly SummaryRow[]): void {
  console.log(`\n${title}: summary\n${renderSummary(rows)}`);
  const file = process.env[SUMMARY_FILE_ENV];
  if (file) writeFileSync(file, JSON.stringify(rows));
}

