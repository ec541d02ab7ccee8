/** Small collection helpers shared by the layers. */

/**
 * Plain code-unit order of two strings: what PostgreSQL's `collate "C"` gives, and how ISO
 * dates, ids and migration names sort. No collation (`localeCompare` loads its data at first use).
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Appends to the list kept under `key`, in place (no copy per item). */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * Keeps `value` under `key` as the newest entry of `map` (a Map remembers insertion order)
 * and drops the oldest entries past `max`: a bounded cache of the latest used.
 */
export function keepNewest<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= max) break;
    map.delete(oldest);
  }
}
