// Trust gaps for timestamp authorities (issue 15, item 2): an RFC 3161 timestamp from a TSA the
// trusted root does not name, or names but not as valid at the stated time, follows the rule of
// unknown logs and CAs: "couldn't check" (TRUST_UNKNOWN_TSA) when it states a time after the
// trust material's date, invalid otherwise. Real conformance data; the trusted roots are
// mutated here so the same bundle falls on either side of the date.
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { conformanceCase, type ConformanceCase } from '../cli/testing/conformance-cases';
import { describeRealData } from '../testing/fixtures';
import { createTrustContext, verifyBundle } from './index';

interface Authority { validFor?: { start?: string; end?: string } }
interface Root {
  timestampAuthorities: Authority[];
  tlogs: { publicKey: Authority }[];
  ctlogs: { publicKey: Authority }[];
  certificateAuthorities: Authority[];
}

let c: ConformanceCase;
let root: Root;
let bundle: unknown;
let stampedAt: number;
beforeAll(() => {
  c = conformanceCase('rekor2-dsse-happy-path');
  root = JSON.parse(readFileSync(c.trustedRootPath ?? '', 'utf8')) as Root;
  bundle = JSON.parse(readFileSync(c.bundlePath, 'utf8'));
  const ok = verify(root);
  if (ok.status !== 'verified') throw new Error(JSON.stringify(ok));
  stampedAt = Date.parse(ok.attestations[0]?.log.integratedTime ?? '');
});

const policy = () => c.policy as { identity: string; issuer: string };
const verify = (trustedRoot: Root) => verifyBundle(bundle, { bytes: readFileSync(c.artifactPath) }, policy(), createTrustContext({ trustedRoot }));

/** Every authority's start moved to `iso`, so that is the trust material's date. */
function datedRoot(base: Root, iso: string): Root {
  const r = structuredClone(base);
  const authorities = [...r.timestampAuthorities, ...r.certificateAuthorities, ...r.tlogs.map((t) => t.publicKey), ...r.ctlogs.map((t) => t.publicKey)];
  for (const a of authorities) a.validFor = { ...a.validFor, start: iso };
  return r;
}

describeRealData('trust gaps: timestamp authorities', () => {
  it('an unknown TSA stating a time after the trust date: couldn\'t check, TRUST_UNKNOWN_TSA', () => {
    const r = datedRoot(root, new Date(stampedAt - 86_400_000).toISOString());
    r.timestampAuthorities = [];
    expect(verify(r)).toMatchObject({ status: 'unavailable', code: 'TRUST_UNKNOWN_TSA' });
  });

  it('the same TSA unknown at a time the trust material covers: invalid, TLOG_TIMESTAMP', () => {
    // Dated after the timestamp: the trust material knew every TSA of that time, not this one.
    const r = structuredClone(root);
    r.timestampAuthorities = [];
    const later = datedRoot(r, new Date(stampedAt + 60_000).toISOString());
    later.timestampAuthorities = [];
    expect(verify(later)).toMatchObject({ status: 'invalid', code: 'TLOG_TIMESTAMP' });
  });

  it('a known TSA whose validity ended before the stated time follows the same rule', () => {
    const r = datedRoot(root, new Date(stampedAt - 86_400_000).toISOString());
    for (const a of r.timestampAuthorities) a.validFor = { ...a.validFor, end: new Date(stampedAt - 60_000).toISOString() };
    expect(verify(r)).toMatchObject({ status: 'unavailable', code: 'TRUST_UNKNOWN_TSA' });
  });

  it('keeps the conformance TSA failure cases failing', () => {
    for (const name of ['rekor2-timestamp-untrusted-tsa-with-embedded-cert_fail', 'rekor2-timestamp-outside-trust-root-tsa-validity_fail', 'rekor2-timestamp-payload-mismatch_fail']) {
      const k = conformanceCase(name);
      const trust = createTrustContext({ trustedRoot: JSON.parse(readFileSync(k.trustedRootPath ?? '', 'utf8')) });
      const v = verifyBundle(JSON.parse(readFileSync(k.bundlePath, 'utf8')), { bytes: readFileSync(k.artifactPath) }, k.policy as { identity: string; issuer: string }, trust);
      expect(v.status, `${name}: ${JSON.stringify(v)}`).not.toBe('verified');
    }
  });
});
