// Per-file verdicts of a PyPI release (npm has a single tarball, so no table there). A release
// whose files were signed from different refs, commits or builders gets a column with each
// file's own value, from its verified certificate, so the file that stands apart shows.
import type { FileVerdict, InconsistentSources } from '../core/verdict';
import { fileStatusText, sourceValue } from './badge-text';
import { Fold } from './Fold';
import { Breakable } from './LongValue';

export function FilesTable({ files, inconsistent }: { files: FileVerdict[]; inconsistent?: InconsistentSources }) {
  if (files.length === 0) return null;
  const field = inconsistent?.field;
  return (
    <Fold title="Files" count={files.length} open={field !== undefined || files.some((f) => f.verdict.status !== 'verified')}>
      {field !== undefined ? (
        <p class="pl-warning">Careful: this release's files come from different {field}s, not one build.</p>
      ) : null}
      <table class="pl-files">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Status</th>
            {field !== undefined ? <th scope="col">Source</th> : null}
          </tr>
        </thead>
        <tbody>
          {files.map((f) => (
            <tr key={f.filename}>
              <td>
                <code>
                  <Breakable value={f.filename} />
                </code>
              </td>
              <td class={`pl-file-${f.verdict.status}`}>
                {fileStatusText(f.verdict)}
                {f.verdict.status === 'invalid' || f.verdict.status === 'unavailable' ? (
                  <>
                    {' '}
                    <code>
                      <Breakable value={f.verdict.code} />
                    </code>
                  </>
                ) : null}
              </td>
              {field !== undefined ? (
                <td>{f.verdict.status === 'verified' && f.verdict.identity !== undefined ? sourceValue(f.verdict.identity, field) : '—'}</td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </Fold>
  );
}
