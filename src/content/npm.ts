// Content script entry for the npm website (the manifest injects it only there, at document_start after
// npm-prepare.ts: early-start.ts).
import { askWorker, onWorkerAskAgain } from '../ui/worker-client';
import { whenParsed } from './early-start';
import { withHistoryBadges } from './history-badges';
import { npmHistory } from './npm-history';
import { npmSite } from './npm-site';
import { runSite } from './site-runner';

whenParsed(() => runSite(withHistoryBadges(npmSite, npmHistory), askWorker, onWorkerAskAgain));
