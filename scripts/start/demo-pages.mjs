// The pages `npm start` opens. On the demo registry each one shows a known state of the badge
// (the packages and their answers are described in e2e/server/*-scenarios.ts); with `--live`
// the same kinds of page come from the real sites, whose verdicts are whatever the registry
// holds today, so nothing is expected of them.

/** `title` pages have one badge beside the package name; `search` pages one per result. */
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
    label: 'npm package with verified provenance (sigstore)',
    url: 'https://www.npmjs.com/package/sigstore',
    kind: 'npm-title',
    expect: 'verified',
  },
  {
    name: 'npm-invalid',
    label: 'npm package whose provenance was altered after signing',
    url: 'https://www.npmjs.com/package/@trishankatdatadog/supreme-goggles',
    kind: 'npm-title',
    expect: 'invalid',
  },
  {
    name: 'pypi-none',
    label: 'PyPI project without provenance',
    url: 'https://pypi.org/project/lens-fixture-none/',
    kind: 'pypi-title',
    expect: 'none',
  },
  {
    name: 'pypi-search',
    label: 'PyPI search results, one badge per result',
    url: 'https://pypi.org/search/?q=fixture',
    kind: 'search',
    expect: null,
  },
];

export const LIVE_PAGES = [
  { name: 'pypi-project', label: 'PyPI project page', url: 'https://pypi.org/project/sampleproject/', kind: 'pypi-title', expect: null },
  { name: 'npm-package', label: 'npm package page', url: 'https://www.npmjs.com/package/sigstore', kind: 'npm-title', expect: null },
  { name: 'pypi-search', label: 'PyPI search', url: 'https://pypi.org/search/?q=sigstore', kind: 'search', expect: null },
];
