// First content script on the npm website, at document_start and before the main one
// (npm.ts): only asks the worker to start on this URL's package (early-start.ts). Kept tiny, so
// it runs as soon as the document exists rather than after the main script is compiled.
import { parseNpmPath } from '../shared/page-path';
import { extensionApi } from '../ui/extension-api';
import { prepareVerdict } from './early-start';

prepareVerdict((pathname, search) => parseNpmPath(pathname, search)?.kind, (message) => extensionApi().runtime.sendMessage(message));
