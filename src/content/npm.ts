// Content script entry for the npm website (the manifest injects it only there).
import { askWorker, onWorkerAskAgain } from '../ui/worker-client';
import { npmSite } from './npm-site';
import { runSite } from './site-runner';

runSite(npmSite, askWorker, onWorkerAskAgain);
