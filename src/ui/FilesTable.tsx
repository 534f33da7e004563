// Per-file verdicts of a PyPI release (npm has a single tarball, so no table there).
import type { FileVerdict } from '../core/verdict';
import { fileStatusText } from './badge-text';

export function FilesTable({ files }: { files: FileVerdict[] }) {
  if (files.length === 0) return null;
  return (
    <section class="pl-section" aria-label="Files">
      <h3>Files</h3>
      <table class="pl-files">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Provenance</th>
          </tr>
        </thead>
        <tbody>
          {files.map((f) => (
            <tr key={f.filename}>
              <td>
                <code>{f.filename}</code>
              </td>
              <td class={`pl-file-${f.verdict.status}`}>
                {fileStatusText(f.verdict)}
                {f.verdict.status === 'invalid' || f.verdict.status === 'unavailable' ? (
                  <>
                    {' '}
                    <code>{f.verdict.code}</code>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
