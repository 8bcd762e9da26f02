// Per-worker memo of the experiments' run kinds: what every run of a data set needs (the data, its
// global optimum, its signed patterns) is computed once per worker thread and kept.

/** The promise kept under `key` (made now when missing); dropped again when it fails, so a later run retries. */
export function cached<T>(map: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let p = map.get(key);
  if (!p) {
    map.set(key, (p = make()));
    p.catch(() => map.delete(key));
  }
  return p;
}
