// Hostile strings the e2e suite throws at the extension. Certificate payloads are signed into
// test-CA certificates by scripts/e2e-prepare.ts (one package per set, so one failing field does
// not hide the others); URL payloads are put into page URLs by the spec. A payload that ran would
// set window.__pwned or open a dialog: both are what the hostile spec looks for.
import { githubIdentity, gitlabIdentity, googleIdentity, type IdentitySpec } from '../../src/testing/testca/index';

const RLO = '\u202e';
const LRI = '\u2066';
const PDI = '\u2069';
const ZWSP = '\u200b';
const ZWJ = '\u200d';
const BOM = '\ufeff';

/** Longer than any UI could show whole: truncation and wrapping must not break escaping. */
export const LONG_WORKFLOW = `${'release-'.repeat(64)}yml-is-long.yml`;

export interface CertPayloadSet {
  name: string;
  identity: IdentitySpec;
  /** Every hostile string this set places in the certificate (what is counted and looked for). */
  payloads: string[];
  /** Whether the publisher object matches, so the package should verify if the worker accepts the fields. */
  expectVerified: boolean;
}

const IMG = '<img src=x onerror="window.__pwned=1;alert(1)">';
const SCRIPT = '<script>window.__pwned=2;alert(2)</script>';
const SVG = '<svg onload=window.__pwned=3>';
const IFRAME = '"><iframe src="javascript:window.top.__pwned=4"></iframe>';
const JS_URL = 'javascript:window.__pwned=5//';
/** A workflow file name cannot hold a `/`: PyPI's publisher names the file, not a path. */
const IMG_NO_SLASH = '<img src=x onerror=window.__pwned=9>';
const BIDI_REF = `refs/tags/v1.0.0${RLO}gpj.exe${ZWSP}${ZWJ}`;

export const CERT_PAYLOAD_SETS: CertPayloadSet[] = [
  {
    // The headline package: markup in the repository, bidi and zero-width in the ref, a very long
    // workflow file, script in the trigger, a javascript: URL as runner environment.
    name: 'lens-hostile-cert',
    identity: githubIdentity(`acme/${IMG}`, {
      workflowPath: `.github/workflows/${LONG_WORKFLOW}`,
      ref: BIDI_REF,
      trigger: SCRIPT,
      runnerEnvironment: JS_URL,
      workflowName: IFRAME,
      repositoryId: `${BOM}123${ZWSP}456`,
    }),
    payloads: [`acme/${IMG}`, LONG_WORKFLOW, BIDI_REF, SCRIPT, JS_URL, IFRAME, `${BOM}123${ZWSP}456`],
    expectVerified: true,
  },
  {
    name: 'lens-hostile-cert-2',
    identity: githubIdentity(`${SVG}/repo`, {
      workflowPath: `.github/workflows/${IMG_NO_SLASH}.yml`,
      ref: `refs/heads/${IMG}`,
      runId: `1"onmouseover="window.__pwned=6`,
      ownerId: `${LRI}42${PDI}`,
    }),
    payloads: [`${SVG}/repo`, `${IMG_NO_SLASH}.yml`, `refs/heads/${IMG}`, `1"onmouseover="window.__pwned=6`, `${LRI}42${PDI}`],
    expectVerified: true,
  },
  {
    name: 'lens-hostile-cert-3',
    identity: githubIdentity(`javascript:window.__pwned=7//acme/repo`, {
      ref: `refs/tags/${JS_URL}`,
      trigger: `data:text/html,${SCRIPT}`,
      runnerEnvironment: `${'A'.repeat(4096)}${IMG}`,
    }),
    payloads: [`javascript:window.__pwned=7//acme/repo`, `refs/tags/${JS_URL}`, `data:text/html,${SCRIPT}`, `${'A'.repeat(4096)}${IMG}`],
    expectVerified: true,
  },
  {
    name: 'lens-hostile-cert-4',
    identity: gitlabIdentity(`grp/${SVG}`, { workflowPath: `${IFRAME}.gitlab-ci.yml`, ref: `refs/tags/${RLO}1.0${ZWSP}` }),
    payloads: [`grp/${SVG}`, `${IFRAME}.gitlab-ci.yml`, `refs/tags/${RLO}1.0${ZWSP}`],
    expectVerified: true,
  },
  {
    name: 'lens-hostile-cert-5',
    identity: githubIdentity(`ac${ZWSP}me${RLO}/${'r'.repeat(1500)}`, { workflowPath: `.github/workflows/rel${ZWJ}ease${RLO}.yml`, commit: `${'0'.repeat(39)}<` }),
    payloads: [`ac${ZWSP}me${RLO}/${'r'.repeat(1500)}`, `rel${ZWJ}ease${RLO}.yml`, `${'0'.repeat(39)}<`],
    expectVerified: true,
  },
  {
    name: 'lens-hostile-cert-6',
    identity: googleIdentity(`"${IMG}"@example.com`),
    payloads: [`"${IMG}"@example.com`],
    expectVerified: true,
  },
  {
    // A workflow "file" with a `/` in it: the publisher names only `script>.yml`, so this one is
    // rejected (IDENTITY_WORKFLOW) and its error message carries the payload instead.
    name: 'lens-hostile-cert-7',
    identity: githubIdentity('acme/repo', { workflowPath: `.github/workflows/${SCRIPT}.yml` }),
    payloads: [`${SCRIPT}.yml`],
    expectVerified: false,
  },
];

/** Strings put into page URLs: PyPI and npm package names and versions. */
export const URL_NAME_PAYLOADS: string[] = [
  IMG,
  SCRIPT,
  SVG,
  IFRAME,
  JS_URL,
  'javascript:alert(document.domain)',
  `lens${RLO}files${ZWSP}`,
  `lens-files-1${ZWJ}`,
  `${BOM}lens-files-1`,
  'a'.repeat(5000),
  `${'x'.repeat(300)}${SCRIPT}`,
  '"onmouseover="window.__pwned=8',
  "'-alert(9)-'",
  '{{constructor.constructor("window.__pwned=10")()}}',
  '%3Cscript%3Ewindow.__pwned=11%3C/script%3E',
];

export const URL_VERSION_PAYLOADS: string[] = [
  IMG,
  SCRIPT,
  JS_URL,
  `1.0.0${RLO}`,
  `1.0.0${ZWSP}`,
  `1.0.0${'0'.repeat(4000)}`,
  '1.0.0"><svg onload=window.__pwned=12>',
];

export function certPayloadCount(): number {
  return CERT_PAYLOAD_SETS.reduce((n, set) => n + set.payloads.length, 0);
}
