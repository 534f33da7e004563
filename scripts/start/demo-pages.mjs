// The pages `npm start` opens, one per badge state. On the demo registry each one shows a known
// state (the packages and their answers are in scripts/start/demo-scenarios.ts, the recorded
// files behind them in demo/README.md); with `--live` the same kinds of page come from the real
// sites, whose verdicts are whatever the registry holds today, so nothing is expected of them.
import { DEMO_SEARCH } from './demo-scenarios.ts';

/**
 * `title` pages have one badge beside the package name; `search` pages one per result.
 * `expect`: the badge's data-provenance-status; `continuity`: its data-provenance-continuity;
 * `popupShows`: a selector the toolbar popup must show; `pinAt`: a page whose popup pins the
 * package to that page's publisher before this page is opened.
 */
export const DEMO_PAGES = [
  {
    name: 'pypi-verified',
    label: 'PyPI project with verified provenance (sampleproject)',
    url: 'https://pypi.org/project/sampleproject/',
    kind: 'pypi-title',
    expect: 'verified',
  },
  {
    name: 'npm-verified',
    label: 'npm package with verified provenance (@playwright/cli)',
    url: 'https://www.npmjs.com/package/@playwright/cli',
    kind: 'npm-title',
    expect: 'verified',
  },
  {
    name: 'pypi-partial',
    label: 'PyPI release with provenance for some of its files (sigstore 3.6.1)',
    url: 'https://pypi.org/project/sigstore/',
    kind: 'pypi-title',
    expect: 'partial',
  },
  {
    name: 'pypi-none',
    label: 'PyPI project without provenance (example-classic)',
    url: 'https://pypi.org/project/example-classic/',
    kind: 'pypi-title',
    expect: 'none',
  },
  {
    name: 'npm-invalid',
    label: 'npm package whose provenance was altered after signing (supreme-goggles)',
    url: 'https://www.npmjs.com/package/@trishankatdatadog/supreme-goggles',
    kind: 'npm-title',
    expect: 'invalid',
  },
  {
    name: 'pypi-unavailable',
    label: "PyPI project whose provenance couldn't be checked: the registry fails (example-outage)",
    url: 'https://pypi.org/project/example-outage/',
    kind: 'pypi-title',
    expect: 'unavailable',
  },
  {
    name: 'pypi-search',
    label: 'PyPI search results, one badge per result',
    url: `https://pypi.org/search/?q=${DEMO_SEARCH}`,
    kind: 'search',
    expect: null,
  },
  {
    name: 'npm-publisher-changed',
    label: 'npm package whose publisher changed since the release before (sigstore 2.3.1 after 1.0.0)',
    url: 'https://www.npmjs.com/package/sigstore',
    kind: 'npm-title',
    expect: 'verified',
    continuity: 'publisher-changed',
  },
  {
    name: 'npm-pin-mismatch',
    label: 'npm release that fails the pin set from the popup (sigstore 1.0.0, pinned to 2.3.1\'s publisher)',
    url: 'https://www.npmjs.com/package/sigstore/v/1.0.0',
    kind: 'npm-title',
    expect: 'invalid',
    popupShows: '.pl-pin-mismatch',
    pinAt: 'https://www.npmjs.com/package/sigstore',
  },
];

export const LIVE_PAGES = [
  { name: 'pypi-project', label: 'PyPI project page', url: 'https://pypi.org/project/sampleproject/', kind: 'pypi-title', expect: null },
  { name: 'npm-package', label: 'npm package page', url: 'https://www.npmjs.com/package/sigstore', kind: 'npm-title', expect: null },
  { name: 'pypi-search', label: 'PyPI search', url: 'https://pypi.org/search/?q=sigstore', kind: 'search', expect: null },
];
