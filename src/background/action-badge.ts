// The toolbar badge per tab: colour and a glyph that still reads without colour.
import type { PackageVerdict, VerdictStatus } from '../core/verdict';

export interface BadgeApi {
  setBadgeText(details: { tabId: number; text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void>;
  setTitle(details: { tabId: number; title: string }): Promise<void>;
}

const NAME = 'Provenance Lens';
const COLORS: Record<VerdictStatus, string> = {
  verified: '#1a7f37',
  partial: '#bf8700',
  none: '#6e7781',
  invalid: '#cf222e',
  unavailable: '#6e7781',
  loading: '#6e7781',
};

export function badgeFor(verdict: PackageVerdict | 'loading'): { text: string; color: string; title: string } {
  if (verdict === 'loading') return { text: '…', color: COLORS.loading, title: `${NAME}: checking` };
  const what = `${verdict.pkg.name}@${verdict.pkg.version}`;
  switch (verdict.status) {
    case 'verified':
      return { text: '✓', color: COLORS.verified, title: `${NAME}: ${what} verified (${verdict.identity.repository ?? verdict.identity.san})` };
    case 'partial': {
      const count = `${verdict.verifiedCount}/${verdict.totalCount}`;
      return { text: count.length <= 4 ? count : '~', color: COLORS.partial, title: `${NAME}: ${what} ${count} files verified` };
    }
    case 'none':
      // Grey and empty: no provenance is common and not alarming.
      return { text: '', color: COLORS.none, title: `${NAME}: ${what} has no provenance` };
    case 'invalid':
      return { text: '!', color: COLORS.invalid, title: `${NAME}: ${what} failed verification (${verdict.code})` };
    case 'unavailable':
      return { text: '?', color: COLORS.unavailable, title: `${NAME}: couldn't check ${what} (${verdict.code})` };
  }
}

export async function showBadge(api: BadgeApi, tabId: number, verdict: PackageVerdict | 'loading'): Promise<void> {
  const { text, color, title } = badgeFor(verdict);
  await Promise.all([api.setBadgeText({ tabId, text }), api.setBadgeBackgroundColor({ tabId, color }), api.setTitle({ tabId, title })]);
}

export async function clearBadge(api: BadgeApi, tabId: number): Promise<void> {
  await Promise.all([api.setBadgeText({ tabId, text: '' }), api.setTitle({ tabId, title: NAME })]);
}
