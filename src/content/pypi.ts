// Content script entry for the PyPI website (the manifest injects it only there).
import { askWorker, onWorkerAskAgain } from '../ui/worker-client';
import { withHistoryBadges } from './history-badges';
import { pypiHistory } from './pypi-history';
import { pypiSite } from './pypi-site';
import { runSite } from './site-runner';

runSite(withHistoryBadges(pypiSite, pypiHistory), askWorker, onWorkerAskAgain);
