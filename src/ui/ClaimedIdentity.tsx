// What a FAILED attestation claims about who built it (issue 16.2): the values a person compares
// with the repository. The attestation did not verify, so whoever wrote it chose every value here.
// Hence plain text only, never links: an unverified repository or workflow must not be a one-click
// way to an attacker-chosen URL (a look-alike repository, a phishing page). LongValue without
// `href` stays text, focusable to read the whole value. The heading and the last line say
// "unverified" in words, so no one takes this list for the certificate details of a verified build.
import type { ClaimedIdentity as Claim } from '../core/verdict';
import { LongValue } from './LongValue';

export const CLAIMED_TITLE = 'What it claims (unverified)';
export const CLAIMED_CAUTION = 'None of this is verified: compare it with the repository before trusting anything.';

function Row({ term, value, code = false }: { term: string; value: string | undefined; code?: boolean }) {
  if (value === undefined) return null;
  return (
    <>
      <dt>{term}</dt>
      <dd>
        <LongValue value={value} code={code} />
      </dd>
    </>
  );
}

export function ClaimedIdentity({ claim }: { claim: Claim }) {
  return (
    <section class="pl-section pl-claimed" aria-label={CLAIMED_TITLE}>
      <h3>{CLAIMED_TITLE}</h3>
      <dl class="pl-fields">
        <Row term="Repository" value={claim.repository} />
        <Row term="Workflow" value={claim.workflow} />
        <Row term="Ref" value={claim.ref} />
        <Row term="Commit" value={claim.commit} code />
        <Row term="Issuer" value={claim.issuer} />
        {/* The SAN restates repository, workflow and ref; alone it is all there is to compare. */}
        {claim.repository === undefined ? <Row term="Signer" value={claim.san} /> : null}
      </dl>
      <p class="pl-warning">
        {CLAIMED_CAUTION}
      </p>
    </section>
  );
}
