/**
 * How the contract cases get their stores: a fresh database per case, closed afterwards, every
 * call recorded (so the last case can check that every method of the port was exercised), and,
 * when the adapter can open a second connection to the same database, a peer store for races
 * across instances.
 */
import type { AcsStore } from '../../../../src/store/port.ts';

/** Makes a store on a new, empty database. */
export type StoreFactory = () => Promise<AcsStore>;

/** Opens another store (connection, pool) on the database of `store`, as a second instance would. */
export type PeerFactory = (store: AcsStore) => Promise<AcsStore>;

/** Where the stores of a race live: one instance, or two instances sharing one database. */
export type Topology = 'one store' | 'two stores';

/** What every part of the contract receives. */
export type ContractContext = Readonly<{
  /** Runs `test` against a fresh store and closes it afterwards, whatever happens. */
  withStore(test: (store: AcsStore) => Promise<void>): Promise<void>;
  /** Runs `test` against one fresh store, or it and a peer on the same database; closes them all. */
  withStores(topology: Topology, test: (stores: readonly AcsStore[]) => Promise<void>): Promise<void>;
  /** A fresh recorded store the test closes itself. */
  openStore(): Promise<AcsStore>;
  /** The topologies this adapter can run races in. */
  topologies: readonly Topology[];
  /** Methods called so far, on any store of this suite. */
  exercised: ReadonlySet<string>;
  /** A fresh store whose calls are not recorded (to read the adapter's own shape). */
  openUnrecorded: StoreFactory;
}>;

/** The context for one adapter's suite. */
export function contractContext(create: StoreFactory, createPeer: PeerFactory | undefined): ContractContext {
  const exercised = new Set<string>();
  const record = (store: AcsStore) => recording(store, exercised);
  const closeAll = async (stores: readonly AcsStore[]) => {
    // Peers first: the first store may own files or pools the peers borrow.
    for (const store of [...stores].reverse()) await store.close();
  };
  return {
    async withStore(test) {
      const store = record(await create());
      try {
        await test(store);
      } finally {
        await store.close();
      }
    },
    async withStores(topology, test) {
      const first = await create();
      const stores = [record(first)];
      try {
        if (topology === 'two stores') {
          if (createPeer === undefined) throw new Error('this adapter cannot open a peer store');
          // The factory gets the store it made (not the recording proxy) to find its database.
          stores.push(record(await createPeer(first)));
        }
        await test(stores);
      } finally {
        await closeAll(stores);
      }
    },
    openStore: async () => record(await create()),
    topologies: createPeer === undefined ? ['one store'] : ['one store', 'two stores'],
    exercised,
    openUnrecorded: create,
  };
}

/** `store`, noting in `exercised` the name of every method called on it. */
function recording(store: AcsStore, exercised: Set<string>): AcsStore {
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]): unknown => {
        exercised.add(property);
        return value.apply(target, args);
      };
    },
  });
}

/**
 * Starts every task at once and waits for all of them (so none is still running when the
 * store closes); rejects with the first failure.
 */
export async function together<T>(tasks: readonly (() => Promise<T>)[]): Promise<T[]> {
  const settled = await Promise.allSettled(tasks.map((task) => task()));
  const values: T[] = [];
  for (const outcome of settled) {
    if (outcome.status === 'rejected') throw outcome.reason;
    values.push(outcome.value);
  }
  return values;
}

/** The indexes of `results` that are true. */
export function winners(results: readonly boolean[]): number[] {
  return results.flatMap((won, i) => (won ? [i] : []));
}

/** The `i`-th item, which the test knows is there. */
export function nth<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new Error(`no item ${i} among ${items.length}`);
  return item;
}
