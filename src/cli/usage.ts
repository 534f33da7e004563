// Help text; kept next to the grammar in args.ts so the two are reviewed together.
import type { HelpTopic } from './args';

const COMMON = `Common options:
  --trusted-root FILE   Sigstore trusted_root.json to use instead of the embedded production root
  --keys FILE           npm registry keys.json to use instead of the embedded one
  --offline             no TUF refresh: use the cached trust material, else the embedded one
  --json                print one JSON object ({status, code, ...}) on stdout
  -h, --help            show help`;

const EXIT = `Exit status: 0 verified, 1 not verified, 2 bad usage or unreadable input.
Trust material: Sigstore's trusted root and npm's keys, refreshed over TUF from
tuf-repo-cdn.sigstore.dev (PROVENANCE_LENS_TUF_URL overrides; at most 5 s) and cached in
$XDG_CACHE_HOME/provenance-lens/tuf (or ~/.cache/...). A failed refresh notes it on stderr and
uses the cached, else the embedded material; --trusted-root or --keys skip the refresh.`;

const PYPI = `provenance-lens verify pypi --provenance FILE --filename NAME --sha256 HEX [options]
  Verify a PEP 740 provenance object (PyPI Integrity API) or one attestation against the
  distribution file NAME whose sha256 (from PyPI's JSON API) is HEX.`;

const NPM = `provenance-lens verify npm --attestations FILE --name NAME --version V --integrity SRI
                           [--version-doc FILE] [options]
  Verify the npm attestations response for NAME@V against dist.integrity SRI; --version-doc
  (a packument version object) adds its dist.signatures registry signatures to the check.`;

const BUNDLE = `provenance-lens verify bundle --bundle FILE (--artifact FILE | --digest sha256:HEX)
                              ((--identity SAN | --identity-regexp RE)
                               (--issuer URL | --issuer-regexp RE) | --key PEM) [options]
  Verify a Sigstore bundle over an artifact, signed by the certificate identity SAN from the
  OIDC issuer URL, or by the public key in the PEM file. --identity and --issuer must equal the
  certificate's values exactly; --identity-regexp and --issuer-regexp are JavaScript patterns
  that must match the whole value (they are anchored for you). --digest suffices for DSSE
  (in-toto) bundles; a message-signature bundle is verified over the artifact's bytes (--artifact).`;

const AUDIT = `provenance-lens audit (LOCKFILE | --diff OLD NEW) [--pins FILE]
                       [--require verified|attested|any] [--json | --sarif] [--offline]
                       [--trusted-root FILE] [--keys FILE]
  Check every registry package a lockfile installs, as the extension checks one page:
  package-lock.json, npm-shrinkwrap.json, pnpm-lock.yaml, yarn.lock, pylock.toml, uv.lock or
  requirements*.txt (with --hash). The lockfile's own digests must be what the provenance binds.
  --pins FILE   the pins file the extension's options page exports: another signer fails
  --require     verified: every package verified; attested: verified or partial; any (default):
                nothing invalid. A broken pin, or a pinned package that could not be checked,
                always fails.
  --diff        only what changed from OLD to NEW: provenance lost, publisher changed and failed
                checks fail; new packages without provenance and downgrades are notes
                (they fail --require attested / verified)
  --sarif       print SARIF 2.1.0 (code scanning) instead of the table
  --offline     no network at all: verdicts come from the audit cache only
  Exit status: 0 policy passed, 1 failed, 2 bad usage or unreadable input.
  PROVENANCE_LENS_NPM_REGISTRY_URL / PROVENANCE_LENS_PYPI_URL: registry base URLs (https, or
  http on loopback). Verdicts are cached in $XDG_CACHE_HOME/provenance-lens/audit.`;

const HISTORY = `provenance-lens history (pypi|npm) NAME [--json] [--offline] [--trusted-root FILE] [--keys FILE]
  The release timeline of a package: every release (up to 200; beyond, the newest 100 and,
  bisected, each release where the signer changes), newest first, with its provenance status
  and the identity its certificates verify, then notes on where provenance began, was lost or
  came back and where the publisher changed. Registry URLs and the verdict cache as for audit;
  --offline skips the TUF refresh only (the registry is still asked for the release list).
  Exit status: 0 timeline printed, 1 the release list could not be read, 2 bad usage.`;

/** `history --help`: the subcommand loads apart from the rest (main.ts imports it lazily). */
export function historyHelpText(): string {
  return `Usage: ${HISTORY}`;
}

export function helpText(topic: HelpTopic): string {
  switch (topic) {
    case 'pypi':
      return [`Usage: ${PYPI}`, COMMON, EXIT].join('\n\n');
    case 'npm':
      return [`Usage: ${NPM}`, COMMON, EXIT].join('\n\n');
    case 'bundle':
      return [`Usage: ${BUNDLE}`, COMMON, EXIT].join('\n\n');
    case 'audit':
      return `Usage: ${AUDIT}`;
    case 'main':
      return [
        'provenance-lens: verify Sigstore provenance of PyPI and npm packages.',
        `Usage:\n  ${PYPI}\n\n  ${NPM}\n\n  ${BUNDLE}\n\n  ${AUDIT}\n\n  ${HISTORY}`,
        COMMON,
        EXIT,
      ].join('\n\n');
  }
}
