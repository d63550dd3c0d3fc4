/**
 * Lookup maps over the collections, so a request finds "this user's notifications"
 * or "this trio's boards" without walking every record of every edition (ADR 029).
 *
 * A map is built on first use after a data change and then serves every lookup
 * until the next change: the store's write counter (bumped by every `change()`,
 * before change listeners run), the collection array and its length are its key,
 * so it can never answer from data that has changed. The records are the stored
 * ones, in stored order. These are indexes of the data, not of rendered output.
 */
import { getDb } from "./db.server";
import type { Data } from "./schema.server";

type Collection = { [K in keyof Data]: Data[K] extends ReadonlyArray<unknown> ? K : never }[keyof Data];
type RecordOf<C extends Collection> = Data[C][number];

type Built<T> = { writes: number; array: readonly unknown[]; length: number; map: Map<string, T> };

const EMPTY: readonly never[] = Object.freeze([]);

function maintained<C extends Collection, T>(collection: C, build: (records: ReadonlyArray<RecordOf<C>>) => Map<string, T>) {
  let built: Built<T> | null = null;
  return (): Map<string, T> => {
    const db = getDb();
    const array = db.data[collection] as ReadonlyArray<RecordOf<C>>;
    if (!built || built.writes !== db.writes || built.array !== array || built.length !== array.length) {
      built = { writes: db.writes, array, length: array.length, map: build(array) };
    }
    return built.map;
  };
}

/** Records of `collection` grouped by a key (e.g. notifications by userId). */
export function groupedBy<C extends Collection>(collection: C, keyOf: (record: RecordOf<C>) => string) {
  const current = maintained(collection, (records) => {
    const map = new Map<string, Array<RecordOf<C>>>();
    for (const record of records) {
      const key = keyOf(record);
      const group = map.get(key);
      if (group) group.push(record);
      else map.set(key, [record]);
    }
    return map;
  });
  return (key: string): ReadonlyArray<RecordOf<C>> => current().get(key) ?? EMPTY;
}

/** The record of `collection` with this id (the first, should ids repeat). */
export function byId<C extends Collection>(collection: C) {
  const current = maintained(collection, (records) => {
    const map = new Map<string, RecordOf<C>>();
    for (const record of records) {
      const id = (record as { id: string }).id;
      if (!map.has(id)) map.set(id, record);
    }
    return map;
  });
  return (id: string): RecordOf<C> | null => current().get(id) ?? null;
}
