// A verdict as it holds for the page a tab shows: the files the page lists and PyPI's notice
// on it (page-files.ts, pypi-notice.ts). Applied to the page's own answer and again to every
// verdict decided anew for that tab (popup retry, pin change), so popup, toolbar and page agree.
import type { PackageVerdict } from '../core/verdict';
import type { PageInputs } from '../shared/messages';
import { withPageFiles } from './page-files';
import { withPypiNotice } from './pypi-notice';

export function withPageInputs(verdict: PackageVerdict, inputs: PageInputs | undefined): PackageVerdict {
  if (inputs === undefined) return verdict;
  const listed = inputs.files === undefined ? verdict : withPageFiles(verdict, inputs.files);
  return withPypiNotice(listed, inputs.notice);
}
