// The timeline hold: a popup or panel that closes while its timeline is built says so by its port
// closing, and the worker gives up that asker's build. Only our own popup and registry tabs hold;
// another extension or a web page is disconnected and counts for nothing.
import { describe, expect, it } from 'vitest';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import type { Sender } from './sender';
import { POLICY, POPUP, port, RUNTIME } from './testing/hold-port';
import { timelineHolds } from './timeline-holds';

const pypiTab = (id: number): Sender => {
  const url = new URL('/project/demo/', PYPI_ORIGIN).href;
  return { id: RUNTIME, url, frameId: 0, tab: { id, url } };
};

function setup() {
  const gone: string[] = [];
  return { gone, connect: timelineHolds({ gone: (asker) => void gone.push(asker) }, POLICY) };
}

describe('timeline holds', () => {
  it("gives up the popup's build when the popup's port closes, and a tab's when its panel's port closes", () => {
    const { gone, connect } = setup();
    const fromPopup = port(POPUP);
    const fromTab = port(pypiTab(7));
    connect(fromPopup);
    connect(fromTab);
    expect(gone).toEqual([]);
    fromTab.close();
    fromPopup.close();
    expect(gone).toEqual(['tab:7', 'page']);
  });

  it('waits for the last port of an asker: two popup windows share one slot', () => {
    const { gone, connect } = setup();
    const first = port(POPUP);
    const second = port(POPUP);
    connect(first);
    connect(second);
    first.close();
    expect(gone).toEqual([]);
    second.close();
    expect(gone).toEqual(['page']);
  });

  it('disconnects a port from another extension, a web page or a sub-frame, and never lets it cancel anything', () => {
    const { gone, connect } = setup();
    const strangers = [
      port({ ...POPUP, id: 'someone-else' }),
      port({ id: RUNTIME, url: 'https://example.com/', frameId: 0, tab: { id: 5, url: 'https://example.com/' } }),
      port({ ...pypiTab(7), frameId: 3 }),
    ];
    for (const p of strangers) {
      connect(p);
      expect(p.disconnected).toBe(true);
      p.close();
    }
    expect(gone).toEqual([]);
  });

  it('leaves ports of other names alone', () => {
    const { gone, connect } = setup();
    const other = port(POPUP, 'something-else');
    connect(other);
    other.close();
    expect(other.disconnected).toBe(false);
    expect(gone).toEqual([]);
  });
});
