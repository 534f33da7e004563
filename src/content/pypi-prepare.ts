// First content script on the PyPI website, at document_start and before the main one
// (pypi.ts): only asks the worker to start on this URL's package, or to tell a search page what
// it kept (early-start.ts). Kept tiny, so it runs as soon as the document exists rather than
// after the main script is compiled.
import { extensionApi } from '../ui/extension-api';
import { prepareVerdict } from './early-start';

// Not PyPI's name and version grammar (page-path.ts: the worker reads the page from the sender's
// URL with it, and refuses any other): whether the path may be a project or the search page.
const kindOf = (pathname: string) => (/^\/project\/[^/]+(\/[^/]+)?\/?$/.test(pathname) ? 'package' : /^\/search\/?$/.test(pathname) ? 'search' : undefined);

prepareVerdict(kindOf, (message) => extensionApi().runtime.sendMessage(message), true);
