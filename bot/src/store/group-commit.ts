/**
 * Collects the calls made during one turn of the event loop and runs them as one batch right
 * after it (setImmediate), so webhooks that arrive together share one SQLite commit. Each caller
 * gets its own result only once the batch has run, or the batch's error: nothing is reported
 * stored before it is committed.
 */
export function groupCommit<I, O>(runBatch: (items: I[]) => O[]): (item: I) => Promise<O> {
  let pending: { item: I; resolve: (out: O) => void; reject: (err: unknown) => void }[] = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    try {
      const out = runBatch(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(out[i]!));
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  };
  return (item) =>
    new Promise((resolve, reject) => {
      if (pending.length === 0) setImmediate(flush);
      pending.push({ item, resolve, reject });
    });
}
