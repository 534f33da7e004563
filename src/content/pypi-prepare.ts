// First content script on the PyPI website, at document_start and before the main one
// (pypi.ts): only asks the worker to start on this URL's package (early-start.ts). Kept tiny, so
// it runs as soon as the document exists rather than after the main script is compiled.
import { parsePypiPath } from '../shared/page-path';
import { extensionApi } from '../ui/worker-client';
import { prepareVerdict } from './early-start';

prepareVerdict(parsePypiPath, (message) => extensionApi().runtime.sendMessage(message), true);
