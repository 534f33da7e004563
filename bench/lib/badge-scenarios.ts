// Measuring one page's time to final badges, cold and warm, in a running benchmark browser.
// Cold = the worker's verdict cache emptied through the options page's own message
// (`page/cache-clear`) and the browser's HTTP cache emptied, so registry fetches and verification
// run again (the cleared cache takes the continuity notes with it); the worker itself stays up,
// as in a browser that has been open for a while. Warm = the same page revisited, moments later.
// Woken = revisited in a worker stopped as when idle, which the visit starts again.
import type { Page } from '@playwright/test';
import { addBadgeClock, timeToBadges, type BadgeTiming } from './badge-timer';
import { clearHttpCache, clearVerdictCache, stopWorker, type BenchBrowser } from './bench-browser';
import { cpuSnapshot, cpuSpent, type CpuSnapshot } from './process-cpu';
import { median } from './stats';

export interface BadgeScenario {
  label: string;
  url: string;
  /** How many badges must be final (search: one per result). */
  expected: number;
  /** Search badges appear only as results scroll into view: tall enough to show them all. */
  viewport?: { width: number; height: number };
}

export interface ScenarioTimings {
  cold: BadgeTiming[];
  warm: BadgeTiming[];
  /** Registry API requests per visit (when a counter was given), cold and warm. */
  coldRequests: number[];
  warmRequests: number[];
  /** CPU ms per process kind during each cold visit (process-cpu.ts; empty off Linux). */
  coldCpu: CpuSnapshot[];
}

/** Counts the registry API requests the fixture server has seen so far. */
export type RequestCounter = () => number;

export async function badgePage(browser: BenchBrowser, scenario: BadgeScenario): Promise<Page> {
  const page = await browser.context.newPage();
  if (scenario.viewport) await page.setViewportSize(scenario.viewport);
  await addBadgeClock(page);
  return page;
}

/** A visit and the registry API requests made until its badges were final and the page settled. */
async function counted(page: Page, scenario: BadgeScenario, count: RequestCounter): Promise<{ timing: BadgeTiming; requests: number; cpu: CpuSnapshot }> {
  const before = count();
  const cpuBefore = cpuSnapshot();
  const timing = await timeToBadges(page, scenario.url, scenario.expected);
  return { timing, requests: count() - before, cpu: cpuSpent(cpuBefore, cpuSnapshot()) };
}

/** One cold visit (our verdict cache and the browser's HTTP cache emptied first) and one warm revisit. */
export async function coldWarmPair(browser: BenchBrowser, page: Page, scenario: BadgeScenario, count: RequestCounter = () => 0) {
  await clearVerdictCache(browser);
  await clearHttpCache(browser);
  const cold = await counted(page, scenario, count);
  return { cold, warm: await counted(page, scenario, count) };
}

/** `reps` pairs of (cold visit, warm revisit), after one unmeasured pair that warms the JIT. */
export async function measureScenario(browser: BenchBrowser, scenario: BadgeScenario, reps: number, count?: RequestCounter): Promise<ScenarioTimings> {
  const page = await badgePage(browser, scenario);
  const out: ScenarioTimings = { cold: [], warm: [], coldRequests: [], warmRequests: [], coldCpu: [] };
  try {
    await coldWarmPair(browser, page, scenario, count);
    for (let i = 0; i < reps; i++) {
      const { cold, warm } = await coldWarmPair(browser, page, scenario, count);
      out.cold.push(cold.timing);
      out.warm.push(warm.timing);
      out.coldRequests.push(cold.requests);
      out.coldCpu.push(cold.cpu);
      out.warmRequests.push(warm.requests);
    }
  } finally {
    await page.close();
  }
  return out;
}

/**
 * Revisits in a woken worker, as most revisits are met (MV3: the worker stops after 30 s idle):
 * one visit to fill the caches, then `reps` times the worker stopped and the page visited again,
 * the visit itself waking the worker. Throws when a visit was answered by the stopped one.
 */
export async function measureWoken(browser: BenchBrowser, scenario: BadgeScenario, reps: number, count: RequestCounter): Promise<{ timings: BadgeTiming[]; requests: number[] }> {
  const page = await badgePage(browser, scenario);
  const out = { timings: [] as BadgeTiming[], requests: [] as number[] };
  try {
    await timeToBadges(page, scenario.url, scenario.expected);
    for (let i = 0; i < reps; i++) {
      // The answers' and notes' writes land (gathered for 100 ms), and the worker is left idle.
      await page.waitForTimeout(1000);
      const { woken } = await stopWorker(browser);
      await page.waitForTimeout(300);
      const visit = await counted(page, scenario, count);
      if (!(await woken())) throw new Error(`measureWoken: ${scenario.url} was answered by the stopped worker`);
      out.timings.push(visit.timing);
      out.requests.push(visit.requests);
    }
  } finally {
    await page.close();
  }
  return out;
}

export function medians(timings: BadgeTiming[]): { nav: number; dcl: number; load: number } {
  return { nav: median(timings.map((t) => t.sinceNavigation)), dcl: median(timings.map((t) => t.sinceDomContentLoaded)), load: median(timings.map((t) => t.sinceLoad)) };
}

/** Every distinct final status seen, e.g. "verified x20" — a figure is only as good as its badges. */
export function statusSummary(timings: BadgeTiming[]): string {
  const counts = new Map<string, number>();
  for (const s of timings[0]?.statuses ?? []) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${s} x${n}`).join(', ');
}

/** Median CPU ms per process kind over visits, largest first, as "kind 123" parts. */
export function cpuSummary(visits: CpuSnapshot[]): string {
  const kinds = new Set(visits.flatMap((v) => [...v.keys()]));
  const rows = [...kinds].map((k) => [k, median(visits.map((v) => v.get(k) ?? 0))] as const).filter(([, ms]) => ms > 0);
  return rows.sort((a, b) => b[1] - a[1]).map(([k, ms]) => `${k} ${Math.round(ms)}`).join(', ');
}
