// PyPI's own markup, never the project's README: the README is rendered inside the page, and
// PyPI's cleaner (pypa/readme_renderer clean.py) keeps `id` on any element and `class` on <span>,
// <code> and <hr>, so an ordinary reStructuredText section titled "Files" is `<div id="files">`,
// and a hostile README can draw a `#security .provenance-status` of its own. Every lookup of a PyPI
// landmark goes through here and skips whatever sits inside the README's container: a <div> with
// a class, which a README cannot make, so the first one in the document is PyPI's. The redesign's
// sidebar (PyPI's own "Provenance" block) sits beside that container, not in it.
function readmeRoot(): Element | null {
  return document.querySelector('div.project-description__main') ?? document.querySelector('div.project-description');
}

/** Every element matching `selector` that PyPI drew, not the README. */
export function pypiQueryAll<E extends Element = Element>(selector: string): E[] {
  const readme = readmeRoot();
  return [...document.querySelectorAll<E>(selector)].filter((el) => readme === null || !readme.contains(el));
}

/** The first element matching `selector` that PyPI drew, not the README. */
export function pypiQuery(selector: string): Element | null {
  return pypiQueryAll(selector)[0] ?? null;
}

/** PyPI's element with this id (ids here are filenames, full of dots: an attribute match, escaped). */
export function pypiById(id: string): Element | null {
  return pypiQuery(`[id="${CSS.escape(id)}"]`);
}
