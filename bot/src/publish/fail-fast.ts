import { HelpCenterError, type HelpCenterClient } from './help-center-client.ts';

/**
 * The client for one run and one portal: once a call fails in a way every other article would
 * too (token missing or refused, Chatwoot unreachable, portal missing), the remaining calls fail
 * at once with that reason instead of each waiting through its own retries.
 */
export function failFast(hc: HelpCenterClient): HelpCenterClient {
  let down: HelpCenterError | undefined;
  const guard =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (down) throw down;
      try {
        return await fn(...args);
      } catch (err) {
        if (err instanceof HelpCenterError && err.fatal) down = err;
        throw err;
      }
    };
  return {
    getProfile: guard(hc.getProfile),
    listArticles: guard(hc.listArticles),
    createArticle: guard(hc.createArticle),
    updateArticle: guard(hc.updateArticle),
    deleteArticle: guard(hc.deleteArticle),
  };
}
