// Content script entry for the npm website (the manifest injects it only there).
import { askWorker, onWorkerAskAgain } from '../ui/worker-client';
import { withHistoryBadges } from './history-badges';
import { npmHistory } from './npm-history';
import { npmSite } from './npm-site';
import { runSite } from './site-runner';

runSite(withHistoryBadges(npmSite, npmHistory), askWorker, onWorkerAskAgain);
