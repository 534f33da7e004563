// Who may ask for a release timeline, decided from the sender (router.ts classifies it): our
// extension pages (the popup) for any package, and a registry tab (the details panel, which runs
// in the content script's world) only for the package its page shows. The timeline is hundreds
// of requests, so a search page, which shows many packages, does not get to ask.
import { isValidPackageRef } from '../registries/verify-package';
import type { MessageErrorCode, Reply, TimelineAnswer, TimelineAsk } from '../shared/messages';
import { sameName } from './page-match';
import type { Caller } from './sender';
import type { TimelineService } from './timeline-service';

const no = (code: MessageErrorCode, message: string): Reply<never> => ({ ok: false, code, message });

/** The popup's asks share one slot; each tab's panel has its own. */
export function askerOf(caller: Exclude<Caller, { kind: 'forbidden' }>): string {
  return caller.kind === 'page' ? 'page' : `tab:${caller.tabId}`;
}

export async function answerTimeline(
  service: TimelineService | undefined,
  msg: TimelineAsk,
  caller: Exclude<Caller, { kind: 'forbidden' }>,
): Promise<Reply<TimelineAnswer>> {
  if (service === undefined) return no('MSG_INTERNAL', 'no release timelines here');
  if (!isValidPackageRef(msg.pkg)) return no('MSG_BAD_PACKAGE', 'name outside the registry grammar');
  if (caller.kind === 'content') {
    if (msg.pkg.registry !== caller.site.registry) return no('MSG_FORBIDDEN_SENDER', 'package of another registry');
    if (caller.view.kind !== 'package') return no('MSG_NOT_A_PACKAGE_PAGE', 'release history only on a package page');
    if (!sameName(caller.view.pkg, msg.pkg)) return no('MSG_FORBIDDEN_SENDER', 'a page may only ask about the package it shows');
  }
  const value = msg.progress ? service.progress(msg.pkg) : await service.timeline(msg.pkg, askerOf(caller));
  return { ok: true, value };
}
