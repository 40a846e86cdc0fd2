import { existsSync, watch } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';

/**
 * Follows edits people make to the vault (Obsidian, git pull…) so SOP indexes and client setup
 * change without a restart. Events for one file are coalesced over `debounceMs`.
 */
export function watchVault(
  store: { dir: string; reloadFile(path: string): string | undefined; forgetFile(path: string): string | undefined },
  log: Logger,
  debounceMs = 150,
) {
  const timers = new Map<string, NodeJS.Timeout>();
  const watcher = watch(store.dir, { recursive: true }, (_event, name) => {
    if (!name || !name.endsWith('.md') || name.split('/').some((p) => p.startsWith('.'))) return;
    const path = join(store.dir, name);
    clearTimeout(timers.get(path));
    timers.set(
      path,
      setTimeout(() => {
        timers.delete(path);
        const uid = existsSync(path) ? store.reloadFile(path) : store.forgetFile(path);
        if (uid) log.debug({ uid, file: name }, 'vault note changed on disk');
      }, debounceMs),
    );
  });
  watcher.on('error', (err) => log.warn({ err }, 'vault watcher stopped'));
  return () => {
    watcher.close();
    timers.forEach(clearTimeout);
  };
}
