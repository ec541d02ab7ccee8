/** Small collection helpers shared by the layers. */

/** Appends to the list kept under `key`, in place (no copy per item). */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
