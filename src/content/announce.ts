// One polite live region per page, in our own shadow root: it says the title badge's verdict
// once the check has settled, so a screen-reader user hears it without hunting for the badge.
// A live region must already be in the page before its text changes, so the page's title badge
// prepares it when it mounts and fills it later.
let region: HTMLElement | null = null;

// Off screen but read: a visually hidden host (the page cannot style inside our shadow root).
const HIDDEN = 'position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap';

export function prepareAnnouncer(): void {
  if (region?.isConnected === true) return;
  const host = document.createElement('provenance-lens-status');
  host.setAttribute('style', HIDDEN);
  const shadow = host.attachShadow({ mode: 'open' });
  region = document.createElement('div');
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  shadow.append(region);
  (document.body ?? document.documentElement).append(host);
}

export function announce(text: string): void {
  prepareAnnouncer();
  if (region !== null) region.textContent = text;
}
