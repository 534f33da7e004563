// Each drawn badge's colours as the page paints them, measured in the page (pass the function to
// page.evaluate: it is self-contained). Text: the button's own colours. Ring: its outline as
// drawn when focused as by the keyboard, against the surface behind the host: the first ancestor
// that paints a mostly opaque background, crossing shadow boundaries, skipping `display: contents`
// boxes (they paint nothing whatever their style says). Colours of any CSS syntax (oklch, lab,
// color(), …) are converted to sRGB by a 1×1 canvas, as the browser paints them.
export interface BadgeContrast {
  pkg: string;
  status: string;
  scheme: string;
  /** Text against the button's own background. */
  text: number;
  /** Focus ring against the surface behind the host. */
  ring: number;
  /** The surface's relative luminance is below 0.2. */
  surfaceDark: boolean;
}

export function measureBadgeContrast(): BadgeContrast[] {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const srgb = (css: string): number[] => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = 'rgba(0, 0, 0, 0)';
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return [r ?? 0, g ?? 0, b ?? 0, (a ?? 0) / 255];
  };
  const lum = ([r, g, b]: number[]) => {
    const lin = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r ?? 0) + 0.7152 * lin(g ?? 0) + 0.0722 * lin(b ?? 0);
  };
  const ratio = (a: number[], b: number[]) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p) as [number, number];
    return Math.round(((x + 0.05) / (y + 0.05)) * 100) / 100;
  };
  const behind = (start: Element | null): number[] => {
    for (let el: Element | null = start; el !== null; el = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host ?? null)) {
      const style = getComputedStyle(el);
      if (style.display === 'contents') continue;
      const bg = srgb(style.backgroundColor);
      if ((bg[3] ?? 0) > 0.5) return bg;
    }
    return [255, 255, 255, 1];
  };
  return [...document.querySelectorAll('provenance-lens-badge')].flatMap((host) => {
    const button = host.shadowRoot?.querySelector<HTMLElement>('.pl-badge');
    // A badge in a hidden tab panel (PyPI's files tab) is not drawn and cannot take focus.
    if (!button || button.getClientRects().length === 0) return [];
    button.focus({ focusVisible: true } as FocusOptions);
    const style = getComputedStyle(button);
    const ring = style.outlineStyle === 'none' ? [0, 0, 0, 0] : srgb(style.outlineColor);
    const surface = behind(host.parentElement);
    button.blur();
    return [
      {
        pkg: host.getAttribute('data-provenance-package') ?? '',
        status: host.getAttribute('data-provenance-status') ?? '',
        scheme: host.getAttribute('data-pl-scheme') ?? 'light',
        text: ratio(srgb(style.color), srgb(style.backgroundColor)),
        ring: ratio(ring, surface),
        surfaceDark: lum(surface) < 0.2,
      },
    ];
  });
}
