// sigstore-conformance case folders read by the conventions of their README.md: `_fail` suffix,
// optional `identity`/`issuer`/`key.pub`/`trusted_root.json`/`artifact`, defaults otherwise.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath } from '../../testing/fixtures';

export const CONFORMANCE_DIR = 'sigstore/conformance';
export const DEFAULT_IDENTITY =
  'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main';
export const DEFAULT_ISSUER = 'https://token.actions.githubusercontent.com';
/** "If one is not provided, the Sigstore public good production instance is used." */
export const PRODUCTION_ROOT = 'sigstore/trusted_root.json';

export interface ConformanceCase {
  name: string;
  expectPass: boolean;
  bundlePath: string;
  artifactPath: string;
  policy: { identity: string; issuer: string } | { keyPath: string };
  /** Absolute path of the case's own trusted root; undefined means production. */
  trustedRootPath?: string;
}

export function conformanceCaseNames(): string[] {
  return readdirSync(fixturePath(CONFORMANCE_DIR), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function conformanceCase(name: string): ConformanceCase {
  const dir = fixturePath(join(CONFORMANCE_DIR, name));
  const own = (file: string): string | undefined => (existsSync(join(dir, file)) ? join(dir, file) : undefined);
  const text = (file: string): string | undefined => {
    const path = own(file);
    return path === undefined ? undefined : readFileSync(path, 'utf8').trim();
  };
  const keyPath = own('key.pub');
  const trustedRootPath = own('trusted_root.json');
  return {
    name,
    expectPass: !name.endsWith('_fail'),
    bundlePath: join(dir, 'bundle.sigstore.json'),
    artifactPath: own('artifact') ?? fixturePath(join(CONFORMANCE_DIR, 'a.txt')),
    policy:
      keyPath !== undefined
        ? { keyPath }
        : { identity: text('identity') ?? DEFAULT_IDENTITY, issuer: text('issuer') ?? DEFAULT_ISSUER },
    ...(trustedRootPath !== undefined ? { trustedRootPath } : {}),
  };
}

/**
 * `verify bundle` arguments for a case. Without a case root the CLI's default applies, i.e. the
 * embedded production root, which is what the conformance suite means by "production".
 */
export function conformanceCliArgs(c: ConformanceCase, artifact: 'file' | { sha256: string } = 'file'): string[] {
  const args = ['verify', 'bundle', '--bundle', c.bundlePath];
  args.push(...(artifact === 'file' ? ['--artifact', c.artifactPath] : ['--digest', `sha256:${artifact.sha256}`]));
  args.push(...('keyPath' in c.policy ? ['--key', c.policy.keyPath] : ['--identity', c.policy.identity, '--issuer', c.policy.issuer]));
  if (c.trustedRootPath !== undefined) args.push('--trusted-root', c.trustedRootPath);
  return args;
}
