// Authored stand-in for npmjs.com's React single-page app, served by the e2e fixture server.
// Like the real site it renders from the URL, navigates with history.pushState, and replaces the
// main column's nodes on every render (including a late "hydration" pass after first paint).
(() => {
  const data = JSON.parse(document.getElementById('lens-fixture-data').textContent);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children) node.append(c);
    return node;
  }

  function packageHref(name, version) {
    return version ? `/package/${name}/v/${version}` : `/package/${name}`;
  }

  function parsePackagePath(pathname) {
    const segs = pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (segs[0] !== 'package') return null;
    const rest = segs.slice(1);
    const name = rest[0] && rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    const after = rest.slice(name && name.includes('/') ? 2 : 1);
    const version = after[0] === 'v' ? after[1] : undefined;
    return name ? { name, version } : null;
  }

  function relatedLinks(current) {
    const list = el('ul', { 'aria-label': 'Related packages' });
    for (const p of data.packages) {
      if (p.name === current) continue;
      list.append(el('li', {}, el('a', { href: packageHref(p.name), 'data-related': p.name }, p.name)));
    }
    return list;
  }

  function packageView(ref, tab) {
    const pkg = data.packages.find((p) => p.name === ref.name);
    if (!pkg) return el('div', { id: 'top' }, el('h1', {}, 'Not found'));
    const version = ref.version || pkg.version;
    const tabs = el('ul', { role: 'tablist' });
    for (const t of ['readme', 'code', 'dependencies', 'dependents', 'versions']) {
      const a = el('a', { id: `package-tab-${t}`, role: 'tab', href: `?activeTab=${t}`, 'aria-selected': String(t === tab) }, t);
      tabs.append(el('li', {}, a));
    }
    const install = el('div', {}, el('p', {}, el('code', {}, `npm i ${pkg.name}`)));
    const title = el('div', {}, el('h1', {}, el('span', { title: pkg.name }, pkg.name)), el('span', {}, `${version} • Public`));
    const panel = tab === 'versions'
      ? el('section', { id: 'tabpanel-versions', role: 'tabpanel' }, el('ul', {}, el('li', {}, el('a', { class: 'code', href: packageHref(pkg.name, pkg.version) }, pkg.version))))
      : el('section', { id: 'tabpanel-readme', role: 'tabpanel', 'aria-labelledby': 'package-tab-readme' }, el('p', {}, pkg.description), relatedLinks(pkg.name));
    return el('div', { id: 'top' }, el('div', {}, install, title), tabs, panel);
  }

  function searchView(query) {
    const hits = data.packages.filter((p) => `${p.name} ${p.description}`.toLowerCase().includes(query.toLowerCase()));
    const items = hits.map((p) => el('section', {}, el('a', { href: packageHref(p.name) }, el('h3', {}, p.name)), el('p', {}, p.description)));
    return el('div', { id: 'top' }, el('h1', {}, `${hits.length} packages found`), ...items);
  }

  function render() {
    const url = new URL(location.href);
    const ref = parsePackagePath(url.pathname);
    const view = ref ? packageView(ref, url.searchParams.get('activeTab') || 'readme') : searchView(url.searchParams.get('q') || '');
    const main = document.querySelector('main');
    const old = document.getElementById('top');
    if (old) old.replaceWith(view); else main.append(view);
    document.title = ref ? `${ref.name} - npm` : 'search - npm';
  }

  document.addEventListener('click', (event) => {
    const a = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!a) return;
    const url = new URL(a.getAttribute('href'), location.href);
    if (url.origin !== location.origin) return;
    event.preventDefault();
    history.pushState({}, '', url);
    render();
  });
  window.addEventListener('popstate', render);

  render();
  // Hydration: the real site swaps the server-rendered nodes for client-rendered ones shortly after load.
  setTimeout(() => {
    render();
    document.documentElement.dataset.hydrated = 'true';
  }, 300);
})();
