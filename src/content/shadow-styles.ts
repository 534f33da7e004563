// One stylesheet for every badge's shadow root. A page with a 60-file release holds 121 badges;
// a <style> in each made the browser parse and match the same rules 121 times. A constructed
// sheet is parsed once and adopted by each root. Where adopting is refused or silently has no
// effect (content-script compartments differ between browsers), each root gets its <style> back.

const sheets = new Map<string, CSSStyleSheet | null>();

function sharedSheet(css: string): CSSStyleSheet | null {
  if (!sheets.has(css)) {
    let sheet: CSSStyleSheet | null = null;
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    } catch {
      sheet = null;
    }
    sheets.set(css, sheet);
  }
  return sheets.get(css) ?? null;
}

function adopt(shadow: ShadowRoot, sheet: CSSStyleSheet): boolean {
  try {
    shadow.adoptedStyleSheets = [sheet];
    return shadow.adoptedStyleSheets.length === 1;
  } catch {
    return false;
  }
}

/** Styles `shadow` with `css`: the shared sheet where the browser allows it, else a <style>. */
export function styleShadowRoot(shadow: ShadowRoot, css: string): void {
  const sheet = sharedSheet(css);
  if (sheet !== null && adopt(shadow, sheet)) return;
  const style = document.createElement('style');
  style.textContent = css;
  shadow.prepend(style);
}
