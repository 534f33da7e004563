// First content script on the npm website, at document_start and before the main one
// (npm.ts): only asks the worker to start on this URL's package (early-start.ts). Kept tiny, so
// it runs as soon as the document exists rather than after the main script is compiled.
import { parseNpmPath } from '../shared/page-path';
import { extensionApi } from '../ui/worker-client';
import { prepareVerdict } from './early-start';

prepareVerdict(parseNpmPath, (message) => extensionApi().runtime.sendMessage(message));
