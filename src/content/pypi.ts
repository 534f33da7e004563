// Content script entry for the PyPI website (the manifest injects it only there, at document_start after
// pypi-prepare.ts: early-start.ts).
import { askWorker, onWorkerAskAgain } from '../ui/worker-client';
import { whenParsed } from './early-start';
import { forgoEarly, listenForEarlyVerdict } from './early-verdict';
import { withHistoryBadges } from './history-badges';
import { pypiHistory } from './pypi-history';
import { pypiSite } from './pypi-site';
import { runSite } from './site-runner';

listenForEarlyVerdict();
// A retry or pin change while the page loads: what it was told before is out of date.
onWorkerAskAgain(forgoEarly);
whenParsed(() => runSite(withHistoryBadges(pypiSite, pypiHistory), askWorker, onWorkerAskAgain));
