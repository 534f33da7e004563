// A PyPI page can list a file the registry's JSON API does not (yet): the two are served and
// cached apart, so for a while after an upload the page shows a wheel the verdict never saw,
// and a "latest" page can show a newer release than the API calls latest. The verdict is of
// the files on screen, so such a file is one we couldn't check, and the release is not
// verified while it is there. The page's list can only take a verdict down, never up.
import type { FileVerdict, PackageVerdict } from '../core/verdict';

const UNLISTED_MESSAGE = "listed on the registry's page but not by its API yet";

/** `verdict` as it holds for a page listing `pageFiles`: each file it did not check is couldn't-check. */
export function withPageFiles(verdict: PackageVerdict, pageFiles: readonly string[]): PackageVerdict {
  if (verdict.pkg.registry !== 'pypi') return verdict;
  const known = new Set(verdict.files.map((f) => f.filename));
  const unlisted: FileVerdict[] = [...new Set(pageFiles)]
    .filter((name) => !known.has(name))
    .map((filename) => ({
      filename,
      sha256: '',
      verdict: { status: 'unavailable', code: 'FETCH_UNLISTED', message: UNLISTED_MESSAGE, retryable: true },
    }));
  if (unlisted.length === 0) return verdict;
  const files = [...verdict.files, ...unlisted];
  // A failed check stays failed, and a verdict that could not be made stays as it is: each
  // outranks a missing file (combine.ts's order). Only a good or neutral one becomes unknown.
  if (verdict.status === 'invalid' || verdict.status === 'unavailable') return { ...verdict, files };
  const { pkg, checkedAt, continuity, registryNote } = verdict;
  const names = unlisted.map((f) => f.filename).join(', ');
  return {
    pkg,
    files,
    checkedAt,
    ...(continuity === undefined ? {} : { continuity }),
    ...(registryNote === undefined ? {} : { registryNote }),
    status: 'unavailable',
    code: 'FETCH_UNLISTED',
    message: `${names}: ${UNLISTED_MESSAGE}`,
    retryable: true,
  };
}
