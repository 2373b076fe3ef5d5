import type { Workshop } from '@plenary/shared';

/** A workshop as stored, with the ids of the commands recently applied to it (for retries). */
export interface StoredWorkshop {
  workshop: Workshop;
  /** Most recent last; bounded (see RECENT_COMMANDS). Saved with the state it produced. */
  recentCommands: string[];
}

/** How many command ids a workshop remembers, so a retry within that window is applied once. */
export const RECENT_COMMANDS = 1000;

/**
 * Workshop storage. `save` resolves only once the record is durable: the server acknowledges a
 * command after it. The saved record is what `load` returns from the call of `save` on, before
 * it is durable: the next command builds on it while the disk catches up. Implementations:
 * memory (tests), lowdb (default), Redis (several processes).
 */
export interface Store {
  load(id: string): Promise<StoredWorkshop | undefined>;
  idForJoinCode(joinCode: string): Promise<string | undefined>;
  save(record: StoredWorkshop): Promise<void>;
  /**
   * Stores shared by several processes (Redis): writes `record` only if the stored record is
   * still `from` (as this store returned it from `load`), atomically; false when another
   * process wrote in between. The caller then retries on the fresh state.
   */
  saveIfUnchanged?(record: StoredWorkshop, from: StoredWorkshop): Promise<boolean>;
  /**
   * Shared stores: runs `run` while no other process runs it for this workshop, taking turns
   * (a lease, so a dead process holds it a second at most; the compare-and-set still guards
   * every write). Without it, the process with more commands waiting kept writing while the
   * other reloaded and retried, again and again.
   */
  exclusive?<T>(id: string, run: () => Promise<T>): Promise<T>;
  delete(id: string): Promise<void>;
  list(): Promise<string[]>;
  close(): Promise<void>;
}
