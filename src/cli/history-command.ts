// `provenance-lens history pypi|npm NAME [--json]`: the release timeline of a package (issue
// 17.5), built by the same service the extension uses, over the registry bases the audit uses
// (PROVENANCE_LENS_NPM_REGISTRY_URL / PROVENANCE_LENS_PYPI_URL) and its cache folder. Loaded by
// main.ts only for this subcommand. Exit 0 timeline printed, 1 release list unreadable, 2 usage.
import { parseArgs } from 'node:util';
import { verifyNpmAttestations, verifyPypiProvenance, type Registry } from '../core/index';
import { createLimitedFetcher } from '../background/fetch-limited';
import { buildTimeline } from '../registries/history/build-timeline';
import { isValidPackageRef } from '../registries/verify-package';
import type { CommonOptions } from './args';
import { auditCacheDir } from './audit/audit-cache';
import { fetcherOnBases, registryBases } from './audit/registry-endpoints';
import { EXIT_NOT_VERIFIED, EXIT_VERIFIED, usageError } from './cli-error';
import { openHistoryCache } from './history-cache';
import { trustIdOf } from './trust-id';
import { historyJson, historyTable } from './history-output';
import { resolveTrust } from './trust-options';
import { liveTrustInput } from './tuf-cache';
import { historyHelpText } from './usage';

/** Requests in flight per registry host, as the audit sends them. */
const PER_HOST = 8;

export interface HistoryIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

interface HistoryCommand {
  help: boolean;
  registry: Registry;
  name: string;
  common: CommonOptions;
}

const OPTIONS = {
  json: { type: 'boolean' },
  'trusted-root': { type: 'string' },
  keys: { type: 'string' },
  offline: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function optionalFile(value: string | undefined, option: string): string | undefined {
  if (value === '') throw usageError(`--${option} needs a non-empty value`);
  return value;
}

function parseOptions(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // node's messages carry advice about `--`; keep the part that names the problem.
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    throw usageError(unknown ? `unknown option ${unknown[1]} for \`history\`` : (message.split('\n')[0] ?? 'invalid arguments'));
  }
}

/** `argv` after the word `history`. */
export function parseHistory(argv: readonly string[]): HistoryCommand {
  const parsed = parseOptions(argv);
  const { values, positionals } = parsed;
  const [registry, name, ...extra] = positionals;
  const common: CommonOptions = {
    trustedRootFile: optionalFile(values['trusted-root'], 'trusted-root'),
    npmKeysFile: optionalFile(values.keys, 'keys'),
    json: values.json === true,
    ...(values.offline === true ? { offline: true } : {}),
  };
  if (values.help === true) return { help: true, registry: 'npm', name: '', common };
  if (registry !== 'pypi' && registry !== 'npm') throw usageError('`history` needs a registry: provenance-lens history pypi|npm NAME');
  if (name === undefined) throw usageError(`\`history ${registry}\` needs a package name`);
  if (extra.length > 0) throw usageError(`unexpected argument \`${extra[0]}\``);
  if (!isValidPackageRef({ registry, name })) throw usageError(`\`${name.slice(0, 64)}\` is not a ${registry} package name`);
  return { help: false, registry, name, common };
}

export async function runHistory(argv: readonly string[], io: HistoryIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const command = parseHistory(argv);
  if (command.help) {
    io.stdout(historyHelpText());
    return EXIT_VERIFIED;
  }
  const { common } = command;
  const bases = registryBases(env);
  const live =
    common.trustedRootFile === undefined && common.npmKeysFile === undefined
      ? await liveTrustInput(common.offline === true, (line) => io.stderr(`provenance-lens: ${line}`), env)
      : undefined;
  const trust = resolveTrust(common, live);
  const cache = openHistoryCache(auditCacheDir(env), trustIdOf(common, live));
  const fetcher = fetcherOnBases(createLimitedFetcher({ perHost: PER_HOST }), bases);
  try {
    const timeline = await buildTimeline(command.registry, command.name, { fetcher, verifiers: { verifyNpmAttestations, verifyPypiProvenance }, trust, cache });
    io.stdout(common.json ? JSON.stringify(historyJson(timeline)) : historyTable(timeline));
    return timeline.unavailable ? EXIT_NOT_VERIFIED : EXIT_VERIFIED;
  } finally {
    cache.save();
  }
}
