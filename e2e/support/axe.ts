// axe-core (Deque's accessibility engine) in a page of either kind: a registry page with our
// badges, our panel, the popup or the options page. The engine is injected by evaluating its
// source through the driver, which an extension page's CSP does not block, and it reads open
// shadow roots, where all our UI lives.
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

const axeSource: string = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

export interface AxeFinding {
  rule: string;
  impact: string | null;
  targets: string[];
  summary: string;
}

// Rules the issue names that axe leaves off or experimental by default are switched on.
const EXTRA_RULES = ['label-content-name-mismatch', 'target-size', 'page-has-heading-one'];

/** Violations in `include` (CSS selectors; the whole document when empty). */
export async function axeViolations(page: Page, include: string[] = []): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(
    async ({ include, extra }) => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
      const context = include.length === 0 ? document : { include: include.map((s) => [s]) };
      const rules = Object.fromEntries(extra.map((id) => [id, { enabled: true }]));
      const result = await axe.run(context, { rules, resultTypes: ['violations'] });
      return result.violations.flatMap((v) =>
        v.nodes.map((n) => ({ rule: v.id, impact: v.impact, targets: n.target.map((t) => JSON.stringify(t)), summary: (n.failureSummary ?? '').slice(0, 300) })),
      );
    },
    { include, extra: EXTRA_RULES },
  );
}
