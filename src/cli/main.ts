// CLI entry: parse, run one verification, print, and map the outcome to an exit code. Nothing
// escapes `main`: every failure becomes one stderr line and exit 1 or 2, never a stack trace.
import type { ArtifactVerdict, TrustContext, TrustInput } from '../core/index';
import { parseCommandLine, type CliCommand } from './args';
import { CliError, EXIT_NOT_VERIFIED, EXIT_USAGE_OR_INPUT, EXIT_VERIFIED } from './cli-error';
import { errorJson, oneLine, verdictExitCode, verdictJson, verdictLine } from './output';
import { resolveTrust } from './trust-options';
import { liveTrustInput } from './tuf-cache';
import { helpText } from './usage';
import { runVerifyBundle } from './verify-bundle';
import { runVerifyNpm } from './verify-npm';
import { runVerifyPypi } from './verify-pypi';
import { runAudit } from './audit/run-audit';

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
        ? await liveTrustInput(offline === true, (line) => io.stderr(`${PROGRAM}: ${line}`))
        : undefined;
    if (command.kind === 'audit') return await runAudit(command, io.stdout, live);
    const verdict = runCommand(command, live);
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

function runCommand(command: Exclude<CliCommand, { kind: 'help' | 'audit' }>, live: TrustInput | undefined): ArtifactVerdict {
  // Trust is loaded after the command's own files are read, so a missing input file is
  // reported before the (slower) trust material is parsed.
  const loadTrust = (): TrustContext => resolveTrust(command.common, live);
  switch (command.kind) {
    case 'pypi':
      return runVerifyPypi(command, loadTrust);
    case 'npm':
      return runVerifyNpm(command, loadTrust);
    case 'bundle':
      return runVerifyBundle(command, loadTrust);
  }
}
