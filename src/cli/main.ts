// CLI entry: parse, run one verification, print, and map the outcome to an exit code. Nothing
// escapes `main`: every failure becomes one stderr line and exit 1 or 2, never a stack trace.
// Only parsing and printing are imported up front; each command imports its own code when it
// runs. In the one-file bundle (scripts/build-cli.mjs) a module reached only through import()
// is evaluated only then, so `--help` or a usage error sets up no Sigstore code, `verify` no
// lockfile parsers, and --trusted-root no TUF client: less work at every start.
import type { ArtifactVerdict, TrustContext, TrustInput } from '../core/index';
import { parseCommandLine, type CliCommand } from './args';
import { CliError, EXIT_NOT_VERIFIED, EXIT_USAGE_OR_INPUT, EXIT_VERIFIED } from './cli-error';
import { errorJson, oneLine, verdictExitCode, verdictJson, verdictLine } from './output';
import { helpText } from './usage';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
};

const PROGRAM = 'provenance-lens';

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  // Known before parsing so that even a usage error answers a script in JSON.
  const json = argv.includes('--json');
  try {
    // `history` (issue 17) parses its own options and is loaded only when asked for.
    if (argv[0] === 'history') return await (await import('./history-command')).runHistory(argv.slice(1), io);
    const command = parseCommandLine(argv);
    if (command.kind === 'help') {
      io.stdout(helpText(command.topic));
      return EXIT_VERIFIED;
    }
    // The live material is fetched before the command runs (a refresh is asynchronous); only
    // when no --trusted-root/--keys replaces it. It is parsed later, as before.
    const { trustedRootFile, npmKeysFile, offline } = command.common;
    const live =
      trustedRootFile === undefined && npmKeysFile === undefined
        ? await (await import('./tuf-cache')).liveTrustInput(offline === true, (line) => io.stderr(`${PROGRAM}: ${line}`))
        : undefined;
    if (command.kind === 'audit') return await (await import('./audit/run-audit')).runAudit(command, io.stdout, live);
    const verdict = await runCommand(command, live);
    io.stdout(json ? JSON.stringify(verdictJson(verdict)) : verdictLine(verdict));
    return verdictExitCode(verdict);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`${PROGRAM}: ${oneLine(error.message)}`);
      if (json) io.stdout(JSON.stringify(errorJson(error.code, error.message)));
      return EXIT_USAGE_OR_INPUT;
    }
    // The core never throws by contract; if something still does, it is not a verification.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`${PROGRAM}: internal error: ${oneLine(message)}`);
    if (json) io.stdout(JSON.stringify(errorJson('CLI_INTERNAL', message)));
    return EXIT_NOT_VERIFIED;
  }
}

async function runCommand(command: Exclude<CliCommand, { kind: 'help' | 'audit' }>, live: TrustInput | undefined): Promise<ArtifactVerdict> {
  // Trust is loaded after the command's own files are read, so a missing input file is
  // reported before the (slower) trust material is parsed.
  const { resolveTrust } = await import('./trust-options');
  const loadTrust = (): TrustContext => resolveTrust(command.common, live);
  switch (command.kind) {
    case 'pypi':
      return (await import('./verify-pypi')).runVerifyPypi(command, loadTrust);
    case 'npm':
      return (await import('./verify-npm')).runVerifyNpm(command, loadTrust);
    case 'bundle':
      return (await import('./verify-bundle')).runVerifyBundle(command, loadTrust);
  }
}
