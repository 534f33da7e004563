// What a search result's badge is sent: the verdict without its per-file list and its log
// entries, which only the details panel shows. A 20-result PyPI search page's answers were about
// 100 KB, nine tenths of them files and attestations (a 60-file release alone: 60 of each), and
// the page decodes every byte on its main thread as it lays itself out; the badge reads none of
// them (ui/badge-text.ts). The panel asks for the whole verdict when it opens (search-routes.ts).
import type { PackageVerdict } from '../core/verdict';

/**
 * `verdict` less what no badge reads. A failed or unchecked verdict is sent whole: its badge may
 * name the signer its files' certificates show (badge-text.ts `currentIdentity`), and it is small.
 */
export function abridgedForBadge(verdict: PackageVerdict): PackageVerdict {
  switch (verdict.status) {
    case 'verified':
    case 'partial':
      return { ...verdict, files: [], attestations: [], abridged: true };
    case 'none':
      return { ...verdict, files: [], abridged: true };
    case 'invalid':
    case 'unavailable':
      return verdict;
  }
}
