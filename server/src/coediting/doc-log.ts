import * as Y from 'yjs';
import { logError } from '../log.js';
import type { DocStore } from './doc-store.js';
import type { DocLimits } from './limits.js';
import { encodeIntegrated } from './pending.js';

/**
 * A loaded document's stored log: what was appended since the last compaction, its size, and
 * the write that everything applied so far waits for.
 */
export class DocLog {
  private size = 0;
  /** Updates appended since the last compaction. */
  private appended = 0;
  /** The latest append: once it settles, everything applied before it is on disk. */
  lastWrite: Promise<unknown> = Promise.resolve();
  /** The compaction under way, if any. */
  private compacting: Promise<void> | null = null;

  constructor(
    private readonly name: string,
    private readonly doc: Y.Doc,
    private readonly store: DocStore,
    private readonly limits: DocLimits,
  ) {}

  /** Applies what is stored to the document (origin 'store'). */
  async load(): Promise<void> {
    const updates = await this.store.load(this.name);
    for (const u of updates) {
      Y.applyUpdate(this.doc, u, 'store');
      this.size += u.length;
    }
    this.appended = updates.length;
  }

  /** Stores an update made while loading, before anyone is told of the document. */
  async appendWhileLoading(update: Uint8Array): Promise<void> {
    await this.store.append(this.name, update);
    this.size += update.length;
    this.appended++;
  }

  /** Whether the document stays within its size limit with this update. */
  fits(update: Uint8Array): boolean {
    return this.size + update.length <= this.limits.maxDocBytes;
  }

  /** Appends an update; compacts once enough have been appended. */
  append(diff: Uint8Array): Promise<void> {
    this.size += diff.length;
    const write = this.store.append(this.name, diff);
    this.lastWrite = write.catch(() => undefined);
    void write.then(
      () => {
        this.appended++;
        if (this.appended >= this.limits.compactEvery)
          this.compact().catch((e) => logError(`[yjs] compaction of ${this.name} failed`, e));
      },
      () => undefined,
    );
    return write;
  }

  /** Compacts what was appended since the last compaction, if anything was. */
  async flush(): Promise<void> {
    if (this.appended > 0)
      await this.compact().catch((e) => logError(`[yjs] compaction of ${this.name} failed`, e));
  }

  /**
   * One compaction at a time per document: several connections' appends can cross the
   * threshold together, and two compactions at once raced on the snapshot's temporary file (the
   * loser's connection was closed as "Malformed message": bench/, 4 groups of 50 editors).
   */
  private compact(): Promise<void> {
    this.compacting ??= (async () => {
      const snapshot = encodeIntegrated(this.doc);
      const counted = this.appended;
      this.appended = 0;
      try {
        await this.store.compact(this.name, snapshot);
        this.size = snapshot.length;
      } catch (error) {
        this.appended += counted;
        throw error;
      } finally {
        this.compacting = null;
      }
    })();
    return this.compacting;
  }
}
