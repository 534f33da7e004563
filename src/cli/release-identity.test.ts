// Issue 18.10: the README's "Checking a release" command, run as written, accepts what the release
// workflow's attestation will be and refuses look-alikes. The flags come from README.md itself,
// so the documentation and this test cannot drift apart; the signer comes from the test CA,
// shaped as GitHub's attest-build-provenance signs for .github/workflows/release.yml on a tag.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { SLSA_PROVENANCE_V1, createTestSigstore, githubIdentity, pep740ToBundle, resolveWorkflow, type GitHubIdentitySpec, type TestSigstore } from '../testing/testca/index';
import { CLI_CONCURRENCY, REPO_ROOT, jsonOf, mapLimit, runCli, type CliRun } from './testing/run-cli';

// No repository field yet: the placeholder GitHub repository the workflow comment and README use.
const REPOSITORY = 'provenance-lens/provenance-lens';
const WORKFLOW = '.github/workflows/release.yml';
const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
const TAG = `refs/tags/v${version}`;

/** The `provenance-lens verify bundle` command of README's "Checking a release", as arguments. */
function documentedCommand(): { args: string[]; gh: string[] } {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = /^## Checking a release\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme)?.[1];
  if (!section) throw new Error('README.md has no "## Checking a release" section');
  // Shell continuation lines joined; values are plain words, so whitespace splits them.
  const lines = section.replace(/\\\n/g, ' ').split('\n');
  const words = (prefix: string) => {
    const line = lines.find((l) => l.trimStart().startsWith(prefix));
    if (!line) throw new Error(`README's "Checking a release" has no \`${prefix}\` command`);
    const tokens = line.replace(/\s#.*/, '').trim().split(/\s+/).slice(prefix.split(' ').length);
    if (tokens.some((t) => /["'`$\\]/.test(t))) throw new Error(`\`${prefix}\` uses shell quoting this test does not read`);
    return tokens;
  };
  return { args: words('npx provenance-lens'), gh: words('gh attestation verify') };
}

const valueOf = (args: string[], flag: string): string => {
  const at = args.indexOf(flag);
  if (at < 0 || at + 1 >= args.length) throw new Error(`the documented command has no ${flag} value`);
  return args[at + 1] as string;
};

/** A bundle as attest-build-provenance writes it: SLSA v1 over the named file, GitHub's build type. */
function attest(sigstore: TestSigstore, identity: GitHubIdentitySpec, filename: string, bytes: Buffer): object {
  const w = resolveWorkflow(identity);
  const predicate = {
    buildDefinition: {
      buildType: 'https://actions.github.io/buildtypes/workflow/v1',
      externalParameters: { workflow: { ref: w.ref, repository: w.repositoryUrl, path: w.workflowPath } },
      internalParameters: { github: { event_name: w.trigger, repository_id: w.repositoryId, repository_owner_id: w.ownerId } },
      resolvedDependencies: [{ uri: `git+${w.repositoryUrl}@${w.ref}`, digest: { gitCommit: w.commit } }],
    },
    runDetails: { builder: { id: `https://github.com/${w.repository}/${w.workflowPath}@${w.ref}` }, metadata: { invocationId: w.runUrl } },
  };
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return pep740ToBundle(sigstore.pypiAttestation({ filename, sha256, identity, predicateType: SLSA_PROVENANCE_V1, predicate }));
}

describe('README "Checking a release": the documented identity', () => {
  const documented = documentedCommand();
  const bundleName = valueOf(documented.args, '--bundle');
  const zipName = valueOf(documented.args, '--artifact');
  const release = githubIdentity(REPOSITORY, { workflowPath: WORKFLOW, ref: TAG, trigger: 'push' });
  const runs = new Map<string, CliRun>();
  let dir = '';

  // Each case: who signed, whether the file checked is the zip that was signed, and the verdict.
  interface Case { signer: GitHubIdentitySpec; otherInstance?: boolean; tamperedZip?: boolean; status: string; code: string | null }
  const refused = (code: string) => ({ status: 'invalid', code });
  const cases: Record<string, Case> = {
    [`release.yml at ${TAG} is the release`]: { signer: release, status: 'verified', code: null },
    'ci.yml at the same tag is refused': { signer: { ...release, workflowPath: '.github/workflows/ci.yml' }, ...refused('IDENTITY_SAN') },
    'release.yml dispatched from a branch is refused': { signer: { ...release, ref: 'refs/heads/main', trigger: 'workflow_dispatch' }, ...refused('IDENTITY_SAN') },
    'release.yml at another tag is refused': { signer: { ...release, ref: 'refs/tags/v0.0.1' }, ...refused('IDENTITY_SAN') },
    'release.yml in a fork is refused': { signer: { ...release, repository: 'someone-else/provenance-lens' }, ...refused('IDENTITY_SAN') },
    'the release bundle over a changed zip is refused': { signer: release, tamperedZip: true, ...refused('SUBJECT_DIGEST') },
    // Not "invalid": a CA newer than the user's trust material reads as "couldn't check" (DESIGN 2).
    'the release identity from a CA the trusted root does not know is not verified': {
      signer: release, otherInstance: true, status: 'unavailable', code: 'TRUST_UNKNOWN_CA',
    },
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'provenance-lens-release-'));
    const sigstore = await createTestSigstore();
    const stranger = await createTestSigstore({ fresh: true });
    writeFileSync(join(dir, 'trusted_root.json'), JSON.stringify(sigstore.trustedRoot));
    const zip = new JSZip();
    zip.file('manifest.json', JSON.stringify({ manifest_version: 3, version }), { date: new Date(Date.UTC(2020, 0, 1)) });
    const zipBytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const names = Object.keys(cases);
    const done = await mapLimit(names, CLI_CONCURRENCY, (name) => {
      const c = cases[name];
      if (!c) throw new Error(name);
      // The README's file names, each case in its own folder: only the bytes differ.
      const caseDir = mkdtempSync(join(dir, 'case-'));
      writeFileSync(join(caseDir, bundleName), JSON.stringify(attest(c.otherInstance ? stranger : sigstore, c.signer, zipName, zipBytes)));
      writeFileSync(join(caseDir, zipName), c.tamperedZip ? Buffer.concat([zipBytes, Buffer.from([0])]) : zipBytes);
      const args = documented.args.map((a) => (a === bundleName || a === zipName ? join(caseDir, a) : a));
      return runCli([...args, '--trusted-root', join(dir, 'trusted_root.json'), '--json']);
    });
    names.forEach((name, i) => runs.set(name, done[i] as CliRun));
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('names the release workflow of this repository at the tag of this version, as `gh attestation verify` does', () => {
    const identity = valueOf(documented.args, '--identity');
    expect(identity).toBe(`https://github.com/${REPOSITORY}/${WORKFLOW}@${TAG}`);
    expect(valueOf(documented.args, '--issuer')).toBe(release.issuer);
    expect(valueOf(documented.gh, '--cert-identity')).toBe(identity);
    expect(valueOf(documented.gh, '--repo')).toBe(REPOSITORY);
    expect(documented.gh[0]).toBe(zipName);
    expect(zipName).toBe(`provenance-lens-firefox-${version}.zip`);
    // The workflow runs on this tag and puts the bundle on the release under the README's name.
    const workflowText = readFileSync(join(REPO_ROOT, WORKFLOW), 'utf8');
    const workflow = parseYaml(workflowText) as { on: { push: { tags: string[] } } };
    const tagName = TAG.slice('refs/tags/'.length);
    expect(workflow.on.push.tags.some((glob) => new RegExp(`^${glob.replace(/\*/g, '[^/]*')}$`).test(tagName))).toBe(true);
    expect(bundleName).toBe(`provenance-lens-${version}.sigstore.json`);
    expect(workflowText).toContain('"dist/packages/provenance-lens-${GITHUB_REF_NAME#v}.sigstore.json"');
    expect(readFileSync(join(REPO_ROOT, 'scripts/package.mjs'), 'utf8')).toContain('`provenance-lens-firefox-${version}.zip`');
  });

  it.each(Object.keys(cases))('%s', (name) => {
    const c = cases[name];
    const run = runs.get(name);
    if (!c || !run) throw new Error(`no run for ${name}`);
    expect(jsonOf(run), run.stdout + run.stderr).toMatchObject({ status: c.status, code: c.code });
    expect(run.exitCode).toBe(c.status === 'verified' ? 0 : 1);
  });
});
