// Timeline holds as an independent review attacked them (issue 17): only our popup and registry tabs
// hold, each only for itself; strangers are disconnected and a port counts once however it closes.
import { describe, expect, it } from 'vitest';
import type { Sender } from './sender';
import { POLICY, POPUP, port, RUNTIME } from './testing/hold-port';
import { timelineHolds } from './timeline-holds';

describe('cancellation: hold ports', () => {
  it('A1: strangers cannot cancel the popup or a tab: other extension, web page, sub-frame, no tab, tab -1, unparsable URL, look-alike host', () => {
    const gone: string[] = [];
    const connect = timelineHolds({ gone: (a) => void gone.push(a) }, POLICY);
    const npm = 'https://www.npmjs.com/package/demo';
    const strangers: Sender[] = [
      { ...POPUP, id: 'other' },
      { url: POPUP.url }, // no id at all (web page / external)
      { id: RUNTIME, url: 'chrome-extension://someone-else/popup.html' },
      { id: RUNTIME, url: npm, frameId: 2, tab: { id: 5, url: npm } },
      { id: RUNTIME, url: npm, frameId: 0 },
      { id: RUNTIME, url: npm, frameId: 0, tab: { id: -1, url: npm } },
      { id: RUNTIME, url: 'not a url', frameId: 0, tab: { id: 5 } },
      { id: RUNTIME, url: 'https://www.npmjs.com.evil.example/package/demo', frameId: 0, tab: { id: 5, url: npm } },
      { id: RUNTIME, url: 'https://evil.example/', frameId: 0, tab: { id: 5, url: npm } },
    ];
    for (const s of strangers) {
      const p = port(s);
      connect(p);
      expect(p.disconnected, JSON.stringify(s)).toBe(true);
      p.close();
    }
    expect(gone).toEqual([]);
  });

  it("A1b: a port from a non-package registry page (search) is accepted but only ever speaks for its own tab; a tab's close never says 'page'", () => {
    const gone: string[] = [];
    const connect = timelineHolds({ gone: (a) => void gone.push(a) }, POLICY);
    const search = 'https://pypi.org/search/?q=demo';
    const fromSearch = port({ id: RUNTIME, url: search, frameId: 0, tab: { id: 8, url: search } });
    const popup = port(POPUP);
    connect(fromSearch);
    connect(popup);
    expect(fromSearch.disconnected).toBe(false);
    fromSearch.close();
    expect(gone).toEqual(['tab:8']);
    popup.close();
    expect(gone).toEqual(['tab:8', 'page']);
  });

  it('A1c: a port that disconnects twice (or a forbidden port closing) cannot drive a live asker to zero', () => {
    const gone: string[] = [];
    const connect = timelineHolds({ gone: (a) => void gone.push(a) }, POLICY);
    const p1 = port(POPUP);
    const p2 = port(POPUP);
    connect(p1);
    connect(p2);
    p1.close();
    p1.close(); // a second onDisconnect for the same port
    // p2 is still open. Browsers fire onDisconnect once per port, so this is defensive only.
    expect(gone).toEqual([]);
  });
});

