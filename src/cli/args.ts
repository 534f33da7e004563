// Command-line grammar of DESIGN 4, parsed with node:util parseArgs. Everything that can be
// checked without reading a file is checked here, so a wrong command line never reaches the core.
import { parseArgs } from 'node:util';
import { bundleArtifact, bundlePolicyOption, type BundleArtifactOption, type BundlePolicyOption } from './bundle-options';
import { usageError } from './cli-error';
import { parseIntegrityOption, parseSha256Option } from './digest-options';

export interface CommonOptions {
  trustedRootFile?: string;
  npmKeysFile?: string;
  json: boolean;
  /** Use only cached or embedded trust material: no TUF refresh. */
  offline?: boolean;
}

export type HelpTopic = 'main' | 'pypi' | 'npm' | 'bundle' | 'audit';

/** `audit --require`: what must hold for every registry package (nothing invalid, always). */
export type AuditRequirement = 'verified' | 'attested' | 'any';

export type { BundlePolicyOption } from './bundle-options';

export type CliCommand =
  | { kind: 'help'; topic: HelpTopic }
  | { kind: 'pypi'; common: CommonOptions; provenanceFile: string; filename: string; sha256: string }
  | {
      kind: 'npm';
      common: CommonOptions;
      attestationsFile: string;
      name: string;
      version: string;
      integrity: string;
      versionDocFile?: string;
    }
  | {
      kind: 'audit';
      common: CommonOptions;
      /** The lockfile to check; with --diff, the new one. */
      lockfile: string;
      /** --diff: the old lockfile; only what changed from it to `lockfile` is reported. */
      diffFrom?: string;
      pinsFile?: string;
      require: AuditRequirement;
      output: 'human' | 'json' | 'sarif';
    }
  | {
      kind: 'bundle';
      common: CommonOptions;
      bundleFile: string;
      artifact: BundleArtifactOption;
      policy: BundlePolicyOption;
    };

const OPTIONS = {
  provenance: { type: 'string' },
  filename: { type: 'string' },
  sha256: { type: 'string' },
  attestations: { type: 'string' },
  name: { type: 'string' },
  version: { type: 'string' },
  integrity: { type: 'string' },
  'version-doc': { type: 'string' },
  bundle: { type: 'string' },
  artifact: { type: 'string' },
  digest: { type: 'string' },
  identity: { type: 'string' },
  'identity-regexp': { type: 'string' },
  issuer: { type: 'string' },
  'issuer-regexp': { type: 'string' },
  key: { type: 'string' },
  'trusted-root': { type: 'string' },
  keys: { type: 'string' },
  pins: { type: 'string' },
  require: { type: 'string' },
  sarif: { type: 'boolean' },
  diff: { type: 'boolean' },
  json: { type: 'boolean' },
  offline: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = keyof typeof OPTIONS;
type Values = Partial<Record<OptionName, string | boolean>>;

const COMMON: readonly OptionName[] = ['trusted-root', 'keys', 'json', 'offline', 'help'];
const ALLOWED: Record<'pypi' | 'npm' | 'bundle' | 'audit', readonly OptionName[]> = {
  audit: ['pins', 'require', 'sarif', 'diff', ...COMMON],
  pypi: ['provenance', 'filename', 'sha256', ...COMMON],
  npm: ['attestations', 'name', 'version', 'integrity', 'version-doc', ...COMMON],
  bundle: ['bundle', 'artifact', 'digest', 'identity', 'identity-regexp', 'issuer', 'issuer-regexp', 'key', ...COMMON],
};

export function parseCommandLine(argv: readonly string[]): CliCommand {
  const { values, positionals } = runParseArgs(argv);
  const [verb, registry, ...extra] = positionals;
  if (verb === 'help') return { kind: 'help', topic: helpTopic(registry) };
  if (verb === undefined) {
    if (values.help === true) return { kind: 'help', topic: 'main' };
    throw usageError('missing command; try `provenance-lens --help`');
  }
  if (verb === 'audit') return parseAudit(values, registry, extra);
  if (verb !== 'verify') throw usageError(`unknown command \`${verb}\`; try \`provenance-lens --help\``);
  if (registry === undefined) {
    if (values.help === true) return { kind: 'help', topic: 'main' };
    throw usageError('`verify` needs one of: pypi, npm, bundle');
  }
  if (registry !== 'pypi' && registry !== 'npm' && registry !== 'bundle') {
    throw usageError(`unknown target \`verify ${registry}\`; expected pypi, npm or bundle`);
  }
  if (values.help === true) return { kind: 'help', topic: registry };
  if (extra.length > 0) throw usageError(`unexpected argument \`${extra[0]}\``);
  const stray = (Object.keys(values) as OptionName[]).find((name) => !ALLOWED[registry].includes(name));
  if (stray !== undefined) throw usageError(`option --${stray} does not apply to \`verify ${registry}\``);

  const common: CommonOptions = {
    trustedRootFile: optionalString(values, 'trusted-root'),
    npmKeysFile: optionalString(values, 'keys'),
    json: values.json === true,
    ...(values.offline === true ? { offline: true } : {}),
  };
  if (registry === 'pypi') {
    return {
      kind: 'pypi',
      common,
      provenanceFile: requiredString(values, 'provenance'),
      filename: requiredString(values, 'filename'),
      sha256: parseSha256Option(requiredString(values, 'sha256')),
    };
  }
  if (registry === 'npm') {
    return {
      kind: 'npm',
      common,
      attestationsFile: requiredString(values, 'attestations'),
      name: requiredString(values, 'name'),
      version: requiredString(values, 'version'),
      integrity: parseIntegrityOption(requiredString(values, 'integrity')),
      versionDocFile: optionalString(values, 'version-doc'),
    };
  }
  return { kind: 'bundle', common, bundleFile: requiredString(values, 'bundle'), ...bundleChoices(values) };
}

function parseAudit(values: Values, lockfile: string | undefined, extra: string[]): CliCommand {
  if (values.help === true) return { kind: 'help', topic: 'audit' };
  if (lockfile === undefined) throw usageError('`audit` needs a lockfile: provenance-lens audit LOCKFILE');
  const diff = values.diff === true;
  if (diff && extra.length !== 1) throw usageError('`audit --diff` takes two lockfiles: OLD NEW');
  if (!diff && extra.length > 0) throw usageError(`unexpected argument \`${extra[0]}\``);
  if (diff && values.sarif === true) throw usageError('--diff prints a table or --json, not SARIF');
  const stray = (Object.keys(values) as OptionName[]).find((name) => !ALLOWED.audit.includes(name));
  if (stray !== undefined) throw usageError(`option --${stray} does not apply to \`audit\``);
  if (values.json === true && values.sarif === true) throw usageError('--json and --sarif exclude each other');
  const require = optionalString(values, 'require') ?? 'any';
  if (require !== 'verified' && require !== 'attested' && require !== 'any') throw usageError('--require takes verified, attested or any');
  const pinsFile = optionalString(values, 'pins');
  return {
    kind: 'audit',
    common: {
      trustedRootFile: optionalString(values, 'trusted-root'),
      npmKeysFile: optionalString(values, 'keys'),
      json: values.json === true,
      ...(values.offline === true ? { offline: true } : {}),
    },
    ...(diff ? { lockfile: extra[0] as string, diffFrom: lockfile } : { lockfile }),
    ...(pinsFile !== undefined ? { pinsFile } : {}),
    require,
    output: values.json === true ? 'json' : values.sarif === true ? 'sarif' : 'human',
  };
}

function bundleChoices(values: Values): Pick<Extract<CliCommand, { kind: 'bundle' }>, 'artifact' | 'policy'> {
  const read = (name: OptionName) => optionalString(values, name);
  const options = {
    artifact: read('artifact'),
    digest: read('digest'),
    identity: read('identity'),
    'identity-regexp': read('identity-regexp'),
    issuer: read('issuer'),
    'issuer-regexp': read('issuer-regexp'),
    key: read('key'),
  };
  return { artifact: bundleArtifact(options), policy: bundlePolicyOption(options) };
}

function runParseArgs(argv: readonly string[]): { values: Values; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    return { values: parsed.values as Values, positionals: parsed.positionals };
  } catch (error) {
    // node's messages are fine but some carry advice about `--`; keep the part that names the problem.
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    throw usageError(unknown ? `unknown option ${unknown[1]}` : (message.split('\n')[0] ?? 'invalid arguments'));
  }
}

function helpTopic(target: string | undefined): HelpTopic {
  if (target === 'pypi' || target === 'npm' || target === 'bundle' || target === 'audit') return target;
  return 'main';
}

function optionalString(values: Values, name: OptionName): string | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0) throw usageError(`--${name} needs a non-empty value`);
  return value;
}

function requiredString(values: Values, name: OptionName): string {
  const value = optionalString(values, name);
  if (value === undefined) throw usageError(`missing required option --${name}`);
  return value;
}
