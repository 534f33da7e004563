// A weak memo (scope object -> key object -> value) for answers that rest on signature checks
// (signing-key-memo.ts). Outside a recording an entry is kept at once. Inside verify-ahead's
// optimistic recording it is kept only once every answer that recording gave is confirmed
// (rememberWhenConfirmed), and until then it answers that same recording alone: the pass that
// computed it under those answers would compute it again the same way, so it need not.
import { currentRecording, rememberWhenConfirmed } from './verify-requests';

function level<A extends object, B extends object, V>(outer: WeakMap<A, WeakMap<B, V>>, key: A): WeakMap<B, V> {
  let map = outer.get(key);
  if (!map) outer.set(key, (map = new WeakMap()));
  return map;
}

export class ConfirmedMemo<S extends object, K extends object, V> {
  private readonly kept = new WeakMap<S, WeakMap<K, V>>();
  /** Entries of a recording not yet confirmed, by the recording. */
  private readonly pending = new WeakMap<object, WeakMap<S, WeakMap<K, V>>>();

  get(scope: S, key: K): V | undefined {
    const known = this.kept.get(scope)?.get(key);
    if (known !== undefined) return known;
    const recording = currentRecording();
    return recording === null ? undefined : this.pending.get(recording)?.get(scope)?.get(key);
  }

  set(scope: S, key: K, value: V): void {
    const recording = currentRecording();
    if (recording !== null) level(level(this.pending, recording), scope).set(key, value);
    rememberWhenConfirmed(() => level(this.kept, scope).set(key, value));
  }
}
