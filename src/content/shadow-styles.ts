// One stylesheet for every badge's shadow root. A page with a 60-file release holds 121 badges;
// a <style> in each made the browser parse and match the same rules 121 times. A constructed
// sheet is parsed once and adopted by each root. Where adopting is refused or silently has no
// effect (content-script compartments differ between browsers), each root gets its <style> back.

let shared: { css: string; sheet: CSSStyleSheet } | undefined;

/** Styles `shadow` with `css`: the shared sheet where the browser allows it, else a <style>. */
export function styleShadowRoot(shadow: ShadowRoot, css: string): void {
  try {
    if (shared?.css !== css) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      shared = { css, sheet };
    }
    shadow.adoptedStyleSheets = [shared.sheet];
    if (shadow.adoptedStyleSheets.length === 1) return;
  } catch {
    // Refused: fall through to a <style> of the root's own.
  }
  const style = document.createElement('style');
  style.textContent = css;
  shadow.prepend(style);
}
