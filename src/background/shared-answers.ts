// One verdict's registry answers, shared within it. A page's verdict and its continuity note read
// some of the same documents moments apart (a "latest" PyPI page: the project's JSON, twice); one
// answer should cost the registry one request. Lives as long as one verdict is decided, so a
// revisit or a retry still asks the registry anew. Only good answers are shared.
import type { FetchOutcome, Fetcher } from '../registries/fetcher';

export function shareAnswers(inner: Fetcher): Fetcher {
  const answers = new Map<string, Promise<FetchOutcome>>();
  return (url, init) => {
    // Another representation or size limit is another request; a signalled one is the caller's.
    if (init.signal !== undefined) return inner(url, init);
    const key = `${init.accept}\n${init.maxBytes}\n${url.href}`;
    const found = answers.get(key);
    if (found !== undefined) return found;
    const answer = inner(url, init);
    answers.set(key, answer);
    void answer.then(
      (outcome) => outcome.ok || answers.delete(key),
      () => answers.delete(key),
    );
    return answer;
  };
}
