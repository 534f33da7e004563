// Small helpers of the second attack review (issue 14, commit bae0bc4). Test harness only.
import type { Rule, Upstream } from './attack-support';

/** A PyPI release page that lists one more file than the registry's API (CDN lag after an upload). */
export function pageListsExtraFile(pagePath: string, extra: string): Rule {
  return (r) =>
    r.host === 'pypi.org' && r.path === pagePath
      ? {
          transform: (u: Upstream) => {
            const card = `<div class="file"><div class="file__graphic"><i class="far fa-file" aria-hidden="true"></i></div>
        <div class="card file__card"><a href="https://files.pythonhosted.org/packages/authored/${encodeURIComponent(extra)}">${extra}</a>
        (1.0 kB <a href="#${extra}">view details</a>)<p class="file__meta">Uploaded now</p></div></div>`;
            const html = u.body.toString('utf8');
            const at = html.indexOf('<h3>Source Distribution');
            if (at < 0) throw new Error('review2: no Source Distribution heading to insert before');
            return { ...u, body: Buffer.from(html.slice(0, at) + card + html.slice(at)) };
          },
        }
      : undefined;
}

export function htmlRewrite(host: string, path: string, edit: (html: string) => string): Rule {
  return (r) => (r.host === host && r.path === path ? { transform: (u: Upstream) => ({ ...u, body: Buffer.from(edit(u.body.toString('utf8'))) }) } : undefined);
}

/** PyPI's rendered README (readme_renderer output) put into the page's description panel. */
export function withReadme(pagePath: string, readmeHtml: string): Rule {
  return htmlRewrite('pypi.org', pagePath, (html) => {
    const panel = html.indexOf('id="description"');
    const end = panel < 0 ? -1 : html.indexOf('</p>', panel);
    if (end < 0) throw new Error('review2: no description panel');
    return html.slice(0, end + 4) + readmeHtml + html.slice(end + 4);
  });
}

/** Chains rules: each applies its transform to the previous one's output (same path). */
export function both(a: Rule, b: Rule): Rule {
  return (r) => {
    const pa = a(r);
    const pb = b(r);
    if (!pa) return pb;
    if (!pb) return pa;
    return { transform: (u: Upstream) => (pb.transform ? pb.transform(pa.transform ? pa.transform(u) : u) : pa.transform ? pa.transform(u) : u) };
  };
}
