// Policy (pins, --require), the three outputs, the registry base URLs and the cache record
// check, on records written here (no network, no crypto: the verdicts are given).
import { describe, expect, it } from 'vitest';
import type { SignerIdentity } from '../../core/verdict';
import { CliError } from '../cli-error';
import { humanReport, jsonReport, sarifReport, type AuditReport } from './audit-output';
import { judge, otherFailure } from './audit-policy';
import { parseRecord, type AuditRecord } from './audit-record';
import { mapToBase, registryBases } from './registry-endpoints';

const GITHUB = 'https://token.actions.githubusercontent.com';
const identity = (repository: string): SignerIdentity => ({ forge: 'github', issuer: GITHUB, san: `https://github.com/${repository}/.github/workflows/release.yml@refs/tags/v1`, repository, workflowPath: '.github/workflows/release.yml' });
const rec = (name: string, status: AuditRecord['status'], extra: Partial<AuditRecord> = {}): AuditRecord => ({ registry: 'npm', name, version: '1.0.0', status, bound: true, ...extra });

const RECORDS: AuditRecord[] = [
  rec('good', 'verified', { identity: identity('o/good') }),
  rec('half', 'partial', { identity: identity('o/half'), verifiedCount: 1, totalCount: 2 }),
  rec('plain', 'none'),
  rec('down', 'unavailable', { code: 'FETCH_TIMEOUT', message: 'no answer' }),
  rec('moved', 'verified', { identity: identity('o/moved'), continuity: { kind: 'publisher-changed', field: 'repository', from: 'o/old', to: 'o/moved', previousVersion: '0.9.0', previous: identity('o/old') } }),
];

describe('policy', () => {
  it('default (any): passes everything but invalid; --require attested and verified tighten it', () => {
    const failing = (require: 'any' | 'attested' | 'verified') => judge(RECORDS, new Map(), require).filter((j) => j.failure).map((j) => j.name);
    expect(failing('any')).toEqual([]);
    expect(failing('attested')).toEqual(['plain', 'down']);
    expect(failing('verified')).toEqual(['half', 'plain', 'down']);
    expect(judge([rec('bad', 'invalid', { code: 'SIGNATURE_INVALID', message: 'x' })], new Map(), 'any')[0]?.failure).toBe('provenance check failed');
  });

  it('a pin on another repository, on no provenance, or on a package that could not be checked fails', () => {
    const pins = new Map([
      ['npm:good', { issuer: GITHUB, repository: 'evil/good' }],
      ['npm:plain', { issuer: GITHUB, repository: 'o/plain' }],
      ['npm:down', { issuer: GITHUB, repository: 'o/down' }],
      ['npm:half', { issuer: GITHUB, repository: 'o/half' }],
    ]);
    const judged = judge(RECORDS, pins, 'any');
    const byName = Object.fromEntries(judged.map((j) => [j.name, [j.status, j.code, j.failure]]));
    expect(byName.good).toEqual(['invalid', 'IDENTITY_PIN', 'pin broken']);
    expect(byName.plain).toEqual(['invalid', 'IDENTITY_PIN', 'pin broken']);
    expect(byName.down).toEqual(['unavailable', 'FETCH_TIMEOUT', "pinned, but couldn't check"]);
    expect(byName.half).toEqual(['partial', undefined, undefined]);
  });

  it('sources outside the registry fail only a stricter requirement, and never for workspaces', () => {
    expect(otherFailure({ registry: 'npm', name: 'g', source: 'git' }, 'any')).toBeUndefined();
    expect(otherFailure({ registry: 'npm', name: 'g', source: 'git' }, 'verified')).toBe('not from the registry (git; --require verified)');
    expect(otherFailure({ registry: 'npm', name: 'w', source: 'workspace' }, 'verified')).toBeUndefined();
  });
});

describe('output', () => {
  const report = (require: 'any' | 'verified'): AuditReport => {
    const packages = judge([...RECORDS, rec('bad', 'invalid', { code: 'SUBJECT_DIGEST', message: 'evil\u001b[2Jtext' })], new Map(), require);
    return { lockfile: 'package-lock.json', format: 'package-lock.json v3', require, packages, other: [{ registry: 'npm', name: 'g', source: 'git' }], passed: false };
  };

  it('the table lists failures, then changes, then what could not be checked, then one summary line; control characters escaped', () => {
    const lines = humanReport(report('any')).split('\n');
    expect(lines[0]).toBe('FAILED');
    expect(lines[1]).toMatch(/^ {2}invalid +npm:bad@1\.0\.0 +provenance check failed \[SUBJECT_DIGEST\]: evil⟨U\+001B⟩\[2Jtext$/);
    expect(lines[2]).toBe('CHANGED');
    expect(lines[3]).toMatch(/npm:moved@1\.0\.0 +publisher changed since 0\.9\.0: repository o\/old → o\/moved$/);
    expect(lines[4]).toBe("COULDN'T CHECK");
    expect(lines.at(-1)).toBe(
      "package-lock.json (package-lock.json v3): 6 packages checked: 2 verified, 1 partial, 1 no provenance, 1 invalid, 1 couldn't check; 1 not from the registry · policy FAILED",
    );
  });

  it('--json: one object whose packages carry registry, name, version, status and code, identity, continuity when set', () => {
    const json = jsonReport(report('any')) as { packages: Record<string, unknown>[]; policy: unknown };
    expect(json.policy).toEqual({ require: 'any', passed: false });
    expect(json.packages[0]).toEqual({ registry: 'npm', name: 'good', version: '1.0.0', status: 'verified', identity: identity('o/good'), bound: true, pinned: false });
    expect(json.packages.find((p) => p.name === 'bad')).toMatchObject({ status: 'invalid', code: 'SUBJECT_DIGEST', failure: 'provenance check failed' });
    expect(json.packages.find((p) => p.name === 'moved')?.continuity).toMatchObject({ kind: 'publisher-changed' });
  });

  it('--sarif: errors for failures, warnings for changes, rule ids from the codes', () => {
    const sarif = sarifReport(report('verified')) as { version: string; runs: { results: { ruleId: string; level: string }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results.map((r) => `${r.level}:${r.ruleId}`)).toEqual([
      'error:POLICY_REQUIRE',
      'error:POLICY_REQUIRE',
      'error:FETCH_TIMEOUT',
      'warning:CONTINUITY_PUBLISHER_CHANGED',
      'error:SUBJECT_DIGEST',
    ]);
  });
});

describe('registry base URLs', () => {
  it('maps the public origins onto the configured bases, keeping the encoded path, and refuses any other origin', () => {
    const bases = registryBases({ PROVENANCE_LENS_NPM_REGISTRY_URL: 'http://127.0.0.1:8080/npm', PROVENANCE_LENS_PYPI_URL: 'https://mirror.example/pypi/' });
    expect(mapToBase(new URL('https://registry.npmjs.org/@s%2fb/1.0.0'), bases)?.href).toBe('http://127.0.0.1:8080/npm/@s%2fb/1.0.0');
    expect(mapToBase(new URL('https://pypi.org/pypi/a/1.0/json'), bases)?.href).toBe('https://mirror.example/pypi/pypi/a/1.0/json');
    expect(mapToBase(new URL('https://evil.example/x'), bases)).toBeNull();
    expect(mapToBase(new URL('https://registry.npmjs.org/a'), registryBases({}))?.href).toBe('https://registry.npmjs.org/a');
  });

  it('allows plain http only on loopback, and no credentials or query', () => {
    for (const bad of ['http://mirror.example/', 'ftp://127.0.0.1/', 'https://user:pw@mirror.example/', 'https://mirror.example/?a=1', 'not a url']) {
      expect(() => registryBases({ PROVENANCE_LENS_NPM_REGISTRY_URL: bad })).toThrow(CliError);
    }
    expect(registryBases({ PROVENANCE_LENS_PYPI_URL: 'http://[::1]:9/' }).pypi.href).toBe('http://[::1]:9/');
  });
});

describe('cache records', () => {
  const pkg = { registry: 'npm' as const, name: 'good', version: '1.0.0' };
  it('reads back what it wrote, and drops unavailable, foreign or altered records', () => {
    const good = rec('good', 'verified', { identity: identity('o/good') });
    expect(parseRecord(JSON.parse(JSON.stringify(good)), pkg)).toEqual(good);
    expect(parseRecord({ ...good, status: 'unavailable' }, pkg)).toBeNull();
    expect(parseRecord({ ...good, name: 'other' }, pkg)).toBeNull();
    expect(parseRecord({ ...good, identity: { issuer: 1 } }, pkg)).toBeNull();
    expect(parseRecord({ ...good, extra: '<script>' }, pkg)).toEqual(good);
  });
});
