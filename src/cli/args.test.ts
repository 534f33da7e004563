// The command-line grammar of DESIGN 4, checked without spawning a process or reading files.
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './args';
import { CliError } from './cli-error';

const SHA = '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3';
const SRI = `sha512-${Buffer.alloc(64, 7).toString('base64')}`;

function usageMessage(argv: string[]): string {
  try {
    parseCommandLine(argv);
  } catch (error) {
    if (error instanceof CliError && error.kind === 'usage') return error.message;
    throw error;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
}

describe('parseCommandLine', () => {
  it('reads verify pypi with a lower-cased sha256 and common options', () => {
    const command = parseCommandLine([
      'verify', 'pypi', '--provenance', 'p.json', '--filename', 'x-1.0.tar.gz',
      '--sha256', SHA.toUpperCase(), '--trusted-root', 'root.json', '--json',
    ]);
    expect(command).toEqual({
      kind: 'pypi',
      common: { trustedRootFile: 'root.json', npmKeysFile: undefined, json: true },
      provenanceFile: 'p.json',
      filename: 'x-1.0.tar.gz',
      sha256: SHA,
    });
  });

  it('reads verify npm with an optional version document', () => {
    const command = parseCommandLine([
      'verify', 'npm', '--attestations', 'a.json', '--name', '@s/p', '--version', '1.0.0',
      '--integrity', SRI, '--version-doc', 'v.json', '--keys', 'keys.json',
    ]);
    expect(command).toMatchObject({
      kind: 'npm', name: '@s/p', version: '1.0.0', integrity: SRI, versionDocFile: 'v.json',
      common: { npmKeysFile: 'keys.json', json: false },
    });
  });

  it('reads verify bundle with a digest and an identity, or an artifact and a key', () => {
    expect(
      parseCommandLine(['verify', 'bundle', '--bundle', 'b', '--digest', `sha256:${SHA}`, '--identity', 'i', '--issuer', 'u']),
    ).toMatchObject({ kind: 'bundle', artifact: { sha256: SHA }, policy: { identity: 'i', issuer: 'u' } });
    expect(parseCommandLine(['verify', 'bundle', '--bundle', 'b', '--artifact', 'a', '--key', 'k.pem'])).toMatchObject({
      artifact: { file: 'a' },
      policy: { key: 'k.pem' },
    });
  });

  it('reads the anchored pattern options beside the exact ones', () => {
    const policyOf = (...options: string[]) => {
      const command = parseCommandLine(['verify', 'bundle', '--bundle', 'b', '--digest', `sha256:${SHA}`, ...options]);
      return command.kind === 'bundle' ? command.policy : undefined;
    };
    expect(policyOf('--identity-regexp', 'https://x/.+', '--issuer', 'u')).toEqual({ identityRegExp: 'https://x/.+', issuer: 'u' });
    expect(policyOf('--identity', 'i', '--issuer-regexp', 'u|v')).toEqual({ identity: 'i', issuerRegExp: 'u|v' });
    expect(policyOf('--identity-regexp', 'i', '--issuer-regexp', 'u')).toEqual({ identityRegExp: 'i', issuerRegExp: 'u' });
  });

  it('answers --help at every level', () => {
    expect(parseCommandLine(['--help'])).toEqual({ kind: 'help', topic: 'main' });
    expect(parseCommandLine(['verify', '-h'])).toEqual({ kind: 'help', topic: 'main' });
    expect(parseCommandLine(['verify', 'npm', '--help'])).toEqual({ kind: 'help', topic: 'npm' });
    expect(parseCommandLine(['help', 'bundle'])).toEqual({ kind: 'help', topic: 'bundle' });
  });

  it.each([
    [[], /missing command/],
    [['check'], /unknown command/],
    [['verify'], /needs one of/],
    [['verify', 'cargo'], /unknown target/],
    [['verify', 'pypi', '--provenance', 'p', '--filename', 'f'], /missing required option --sha256/],
    [['verify', 'pypi', '--provenance', 'p', '--filename', 'f', '--sha256', 'abc'], /64 hexadecimal/],
    [['verify', 'pypi', '--provenance', 'p', '--filename', 'f', '--sha256', SHA, '--bundle', 'b'], /does not apply/],
    [['verify', 'pypi', '--frobnicate'], /unknown option --frobnicate/],
    [['verify', 'pypi', '--provenance'], /argument missing/],
    [['verify', 'npm', '--attestations', 'a', '--name', 'n', '--version', '1', '--integrity', 'sha1-abc'], /sha512/],
    [['verify', 'npm', '--attestations', 'a', '--name', 'n', '--version', '1', '--integrity', 'sha512-AAAA'], /64 bytes/],
    [['verify', 'bundle', '--bundle', 'b', '--identity', 'i', '--issuer', 'u'], /exactly one of --artifact/],
    [['verify', 'bundle', '--bundle', 'b', '--artifact', 'a', '--digest', `sha256:${SHA}`, '--key', 'k'], /exactly one/],
    [['verify', 'bundle', '--bundle', 'b', '--digest', SHA, '--key', 'k'], /sha256:/],
    [['verify', 'bundle', '--bundle', 'b', '--artifact', 'a', '--identity', 'i'], /together/],
    [['verify', 'bundle', '--bundle', 'b', '--artifact', 'a', '--key', 'k', '--issuer', 'u'], /cannot be combined/],
    [['verify', 'bundle', '--bundle', 'b', '--artifact', 'a', '--identity', 'i', '--identity-regexp', 'i', '--issuer', 'u'], /--identity or --identity-regexp, not both/],
    [['verify', 'bundle', '--bundle', 'b', '--artifact', 'a', '--identity', 'i', '--issuer', 'u', '--issuer-regexp', 'u'], /--issuer or --issuer-regexp, not both/],
    [['verify', 'bundle', '--bundle', 'b', '--artifact', 'a', '--identity-regexp', '(unclosed', '--issuer', 'u'], /--identity-regexp is not a valid regular expression/],
    [['verify', 'bundle', '--bundle', 'b', '--artifact', 'a', '--identity', 'i', '--issuer-regexp', '[z-a]'], /--issuer-regexp is not a valid regular expression/],
    [['verify', 'bundle', '--bundle', 'b', '--artifact', 'a', '--key', 'k', '--identity-regexp', 'i'], /cannot be combined/],
    [['verify', 'pypi', 'extra', '--provenance', 'p', '--filename', 'f', '--sha256', SHA], /unexpected argument/],
  ])('rejects %j as bad usage', (argv, message) => {
    const text = usageMessage(argv);
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });
});
