// pip's requirements.txt as pip-compile --generate-hashes and `uv pip compile` write it:
// `name==version \` followed by `--hash=sha256:<hex>` lines. Only exact pins are installs we
// can name; hashes carry no file name, so they are matched against the release's files later.
import { checkedName, checkedSha256, checkedVersion, countGuard, LockfileError, MAX_LOCKFILE_BYTES, shown, type ParsedLockfile } from './locked-package';
import { isPypiIndex } from './registry-sources';

const REQUIREMENT = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[A-Za-z0-9._,\s-]*\])?\s*(?:(===?|~=|!=|>=|<=|>|<)\s*([^\s;]+))?\s*(?:;.*)?$/;
const MAX_LINE = 64 * 1024;

/** Logical lines: `\`-continued physical lines joined, comments dropped, with their first line number. */
function logicalLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let current: { line: number; text: string } | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.length > MAX_LINE) throw new LockfileError(`a line longer than ${MAX_LINE} characters`, i + 1);
    const withoutComment = raw.replace(/(^|\s)#.*$/, '');
    const continued = /\\\s*$/.test(withoutComment);
    const part = withoutComment.replace(/\\\s*$/, '').trim();
    current = current ? { line: current.line, text: `${current.text} ${part}` } : { line: i + 1, text: part };
    if (current.text.length > MAX_LOCKFILE_BYTES) throw new LockfileError('a requirement longer than the file limit', current.line);
    if (!continued) {
      if (current.text !== '') out.push(current);
      current = undefined;
    }
  });
  if (current && current.text !== '') out.push(current);
  return out;
}

export function parseRequirementsTxt(text: string, options: { pypiBase?: string } = {}): ParsedLockfile {
  const result: ParsedLockfile = { format: 'requirements.txt', packages: [], other: [] };
  let otherIndex = false;
  const lines = logicalLines(text);
  countGuard(lines.length);
  for (const { line, text: logical } of lines) {
    const where = `line ${line}`;
    const tokens = logical.replace(/--hash\s+/g, '--hash=').split(/\s+/);
    const first = tokens[0] ?? '';
    if (first.startsWith('-')) {
      const [option = '', inline] = first.split('=', 2);
      const value = inline ?? tokens[1];
      if (option === '-r' || option === '-c' || option === '--requirement' || option === '--constraint') {
        throw new LockfileError(`${where}: includes another file (${option}); audit that file itself`, line);
      }
      if (option === '-i' || option === '--index-url') otherIndex = !isPypiIndex(value, options.pypiBase);
      if (option === '-e' || option === '--editable') result.other.push({ registry: 'pypi', name: (value ?? '').slice(0, 80), source: 'file', line });
      continue;
    }
    const hashes = tokens.filter((t) => t.startsWith('--hash'));
    const spec = tokens.filter((t) => !t.startsWith('--hash')).join(' ');
    if (/^[^\s]+\s*@\s*\S|:\/\/|^[./]/.test(spec)) {
      result.other.push({ registry: 'pypi', name: spec.split(/[\s@[]/)[0]?.slice(0, 80) ?? '', source: 'url', line });
      continue;
    }
    const match = REQUIREMENT.exec(spec);
    if (!match) throw new LockfileError(`${where}: ${shown(spec)} is not a requirement`, line);
    const name = checkedName('pypi', match[1], where);
    if (match[3] !== '==' && match[3] !== '===') {
      result.other.push({ registry: 'pypi', name, source: 'not pinned', line });
      continue;
    }
    const version = checkedVersion('pypi', match[4], where);
    if (otherIndex) {
      result.other.push({ registry: 'pypi', name, version, source: 'other registry', line });
      continue;
    }
    const files = hashes.map((h) => {
      const value = h.replace(/^--hash[=\s]?/, '');
      if (!value.startsWith('sha256:')) throw new LockfileError(`${where}: only sha256 hashes can be checked against PyPI (${shown(value)})`, line);
      return { sha256: checkedSha256(value.slice(7), where) };
    });
    result.packages.push({ registry: 'pypi', name, version, files, line });
  }
  return result;
}
