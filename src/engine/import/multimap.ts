/**
 * Appends `value` to the list a map holds under `key`, in place. Building the list anew on every add
 * (`[...(m.get(k) ?? []), v]`) is quadratic in the list's length: an ONNX file whose 20,000 convs read
 * one weight name spent 15 of its 19 s import copying reader lists.
 */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
