// Badges on a package page's release history: PyPI's Release history tab, npm's Versions tab.
// Nothing is looked for until the tab's panel is on screen (a page opened on another tab costs
// one observer), and a release's verdict is asked for only when its row comes into view, rows
// higher up first. Each release has one verdict source, shared by every row that lists it
// (npm lists the latest version under "Current Tags" and again in the history).
import { onQuietChanges } from './quiet-changes';
import type { PackageRef } from '../core/verdict';
import { type Ask, searchVerdictLoader } from '../ui/worker-client';
import { mountReleaseBadge, queuedLoader } from './history-badge';
import type { Locate } from './mount';
import { perTask } from './per-task';
import type { PackagePage, Site } from './site-runner';
import { createVerdictSource, type VerdictSource } from './verdict-source';

export interface ReleaseRow {
  /** The row's link to its release: observed for visibility, and the badge goes right after it. */
  link: Element;
  /** From the link's target, never from its text. */
  version: string;
  locate: Locate;
}

/** Where one site keeps its release history. */
export interface HistoryTab {
  /** The history tab's panel, shown or not, while the page has one. */
  panel(): Element | null;
  /** The rows in `panel` that link a release of `pkg`, in page order. */
  rows(panel: Element, pkg: PackageRef): ReleaseRow[];
}

/** Runs until the returned function is called; `retry` asks again for every release shown. */
export function startHistoryBadges(pkg: PackageRef, tab: HistoryTab, ask: Ask): { stop(): void; retry(): void } {
  const loader = queuedLoader(searchVerdictLoader(ask));
  let opened = false;
  let watched: Element | null = null;
  // Keyed by version and by which listing of it this is, not by node: the site re-renders rows.
  const rows = perTask(() => {
    const panel = opened ? tab.panel() : null;
    const seen = new Map<string, number>();
    return (panel === null ? [] : tab.rows(panel, pkg)).map((row) => {
      const n = seen.get(row.version) ?? 0;
      seen.set(row.version, n + 1);
      return { key: `${n} ${row.version}`, row };
    });
  });
  const sources = new Map<string, VerdictSource>();
  const badges = new Map<string, () => void>();
  const waiting = new Map<string, Element>();

  const show = (key: string, version: string) => {
    let source = sources.get(version);
    if (source === undefined) {
      source = createVerdictSource({ registry: pkg.registry, name: pkg.name, version }, loader.load);
      sources.set(version, source);
    }
    // Where the badge goes is looked up afresh each time, so it follows its row into a re-render.
    badges.set(key, mountReleaseBadge(source, version, () => rows().find((r) => r.key === key)?.row.locate() ?? null));
  };

  // Both observers report in one callback what changed together; rows are walked in page order.
  const rowsSeen = new IntersectionObserver((entries) => {
    const visible = new Set(entries.filter((e) => e.isIntersecting).map((e) => e.target));
    if (visible.size === 0) return;
    for (const { key, row } of rows()) {
      if (!visible.has(row.link) || badges.has(key)) continue;
      waiting.delete(key);
      rowsSeen.unobserve(row.link);
      show(key, row.version);
    }
  });
  const panelSeen = new IntersectionObserver((entries) => {
    if (opened || !entries.some((e) => e.isIntersecting)) return;
    opened = true;
    panelSeen.disconnect();
    scan();
  });

  function scan(): void {
    if (!opened) {
      const panel = tab.panel();
      if (panel !== watched) {
        if (watched !== null) panelSeen.unobserve(watched);
        if (panel !== null) panelSeen.observe(panel);
        watched = panel;
      }
      return;
    }
    for (const { key, row } of rows()) {
      const before = waiting.get(key);
      if (badges.has(key) || before === row.link) continue;
      if (before !== undefined) rowsSeen.unobserve(before);
      waiting.set(key, row.link);
      rowsSeen.observe(row.link);
    }
  }

  scan();
  // Rows rendered later (npm's client, a tab switch) are picked up on the next quiet moment.
  const changes = onQuietChanges(scan);

  return {
    stop() {
      changes.stop();
      panelSeen.disconnect();
      rowsSeen.disconnect();
      loader.cancel();
      for (const destroy of badges.values()) destroy();
      for (const source of sources.values()) source.dispose();
    },
    retry() {
      for (const source of sources.values()) source.retry();
    },
  };
}

/** `site` with release-history badges on its package pages, started and stopped with them. */
export function withHistoryBadges(site: Site, tab: HistoryTab): Site {
  return {
    ...site,
    packagePage(pkg, ask): PackagePage {
      const page = site.packagePage(pkg, ask);
      const history = startHistoryBadges(pkg, tab, ask);
      return {
        stop() {
          history.stop();
          page.stop();
        },
        refresh() {
          page.refresh();
          history.retry();
        },
      };
    },
  };
}
