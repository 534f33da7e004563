// The release-level provenance notices PyPI's redesigned pages show (the sidebar "Provenance"
// block and the Security tab's status heading; pypi/warehouse 2026-ui-update-security-tab). The
// content script names which one a page shows; the worker compares it with its own verdict.

export const PYPI_NOTICES = ['full', 'loss', 'change', 'inconsistent', 'incomplete'] as const;
export type PypiNotice = (typeof PYPI_NOTICES)[number];

export const PYPI_NOTICE_LABEL: Record<PypiNotice, string> = {
  full: 'Full provenance',
  loss: 'Loss of provenance',
  change: 'Change of provenance',
  inconsistent: 'Inconsistent provenance',
  incomplete: 'Incomplete provenance',
};

/** The notice a page heading's text names, or undefined for any other text. */
export function pypiNoticeOf(text: string): PypiNotice | undefined {
  const shown = text.trim().toLowerCase();
  return PYPI_NOTICES.find((n) => PYPI_NOTICE_LABEL[n].toLowerCase() === shown);
}

/** A notice key as it came in a message, or undefined when it is not one of the five. */
export function parsePypiNotice(value: unknown): PypiNotice | undefined {
  return PYPI_NOTICES.find((n) => n === value);
}
