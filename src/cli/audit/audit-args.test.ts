// The `audit` command line: what parses, and what is bad usage (exit 2) before any file is read.
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../args';
import { CliError } from '../cli-error';
import { helpText } from '../usage';

describe('audit arguments', () => {
  it('parses a lockfile with pins, --require and an output choice', () => {
    expect(parseCommandLine(['audit', 'uv.lock', '--pins', 'p.json', '--require', 'attested', '--sarif', '--offline'])).toEqual({
      kind: 'audit',
      common: { trustedRootFile: undefined, npmKeysFile: undefined, json: false, offline: true },
      lockfile: 'uv.lock',
      pinsFile: 'p.json',
      require: 'attested',
      output: 'sarif',
    });
    expect(parseCommandLine(['audit', 'package-lock.json'])).toMatchObject({ require: 'any', output: 'human' });
  });

  it('--diff takes OLD then NEW', () => {
    expect(parseCommandLine(['audit', '--diff', 'old.json', 'new.json', '--json'])).toMatchObject({ kind: 'audit', diffFrom: 'old.json', lockfile: 'new.json', output: 'json' });
  });

  it('refuses what cannot be meant', () => {
    const bad = [
      ['audit'],
      ['audit', 'a', 'b'],
      ['audit', '--diff', 'only-one'],
      ['audit', 'x', '--json', '--sarif'],
      ['audit', 'x', '--require', 'signed'],
      ['audit', 'x', '--identity', 'me'],
      ['audit', '--diff', 'a', 'b', '--sarif'],
    ];
    for (const argv of bad) expect(() => parseCommandLine(argv), argv.join(' ')).toThrow(CliError);
  });

  it('has its own help, and is listed in the main help', () => {
    expect(parseCommandLine(['audit', '--help'])).toEqual({ kind: 'help', topic: 'audit' });
    expect(helpText('audit')).toMatch(/^Usage: provenance-lens audit \(LOCKFILE \| --diff OLD NEW\)/);
    expect(helpText('main')).toContain('provenance-lens audit');
  });
});
