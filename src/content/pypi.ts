// Content script entry for the PyPI website (the manifest injects it only there).
import { askWorker, onWorkerAskAgain } from '../ui/worker-client';
import { pypiSite } from './pypi-site';
import { runSite } from './site-runner';

runSite(pypiSite, askWorker, onWorkerAskAgain);
