import { mkdir, open, readFile, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { DurableJSONFile } from './durable-json-file.js';
import type { Op } from './json-diff.js';
import { applyChangeInPlace, changeBetween, isSensitive } from './record-change.js';
import type { Store, StoredWorkshop } from './store.js';

interface Data {
  version: 1;
  /** The last journal entry this snapshot contains (absent in files from before the journal). */
  seq?: number;
  workshops: Record<string, StoredWorkshop>;
}

/** One line of the journal. */
type Entry =
  /** A whole record: a workshop created, or replaced by one that does not build on it. */
  | { s: number; w: string; r: StoredWorkshop }
  /** The changes from the workshop's previous record, and the command ids it added. */
  | { s: number; w: string; o: Op[]; c: string[] }
  /** The workshop deleted. */
  | { s: number; w: string; x: 1 };

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class DataDirLockedError extends Error {}

export interface LowdbStoreOptions {
  /**
   * How soon the journal is folded into the snapshot once it holds history that must not stay
   * on disk: a change to an anonymous poll (an entry pairs the voter list's new name with the new
   * ballot), or a deleted workshop.
   */
  sensitiveCompactMs?: number;
  /** The journal is folded into the snapshot once larger than this or the snapshot. */
  compactBytes?: number;
}

const SENSITIVE_COMPACT_MS = 1000;
const COMPACT_BYTES = 1 << 20;

/**
 * The embedded default store: a snapshot, `workshops.json` (written through lowdb), and a
 * journal beside it, `workshops.journal`, of what changed since.
 *
 * Writes are group-committed: every `save` joins the next write, and a write starts as soon as
 * the previous one ends; `save` resolves once the write that holds it is on disk. A write
 * appends one line per workshop changed since the last (the changes from the record on disk,
 * see json-diff.ts), then fdatasyncs: not the whole file. When the journal outgrows the
 * snapshot (or 1 MB), when it holds a change to an anonymous poll or a deletion (within a
 * second), on open and on close, the whole state is written as the new snapshot (temporary
 * file, fsync, rename, fsync of the folder) and the journal is emptied. Entries carry a
 * sequence number, and the snapshot the number of the last one it contains, so a crash between
 * the two steps replays nothing twice; a torn last line (never acknowledged) is skipped.
 *
 * Rewriting the whole file per group commit wrote 431 bytes per byte of vote in a burst of
 * 1,000 votes, and its JSON.stringify grew with every workshop on the server (bench/, scenario 5).
 */
export class LowdbStore implements Store {
  private readonly codes = new Map<string, string>();
  private waiters: Waiter[] = [];
  private writing = false;
  /** Workshops saved or deleted since the last write. */
  private dirty = new Set<string>();
  /** Each workshop's record as the disk holds it (snapshot and journal): what the next entry
   *  builds on. */
  private written = new Map<string, StoredWorkshop>();
  private seq: number;
  private journalBytes = 0;
  private snapshotBytes = 0;
  /** The next write is a snapshot: requested, or an append failed and left the tail unknown. */
  private compactNext = false;
  private sensitiveTimer: NodeJS.Timeout | undefined;
  private readonly sensitiveCompactMs: number;
  private readonly compactBytes: number;

  private constructor(
    private readonly db: Low<Data>,
    private readonly file: DurableJSONFile<Data>,
    private readonly lockFile: string,
    private readonly journal: FileHandle,
    options: LowdbStoreOptions,
  ) {
    this.seq = db.data.seq ?? 0;
    this.sensitiveCompactMs = options.sensitiveCompactMs ?? SENSITIVE_COMPACT_MS;
    this.compactBytes = options.compactBytes ?? COMPACT_BYTES;
    for (const [id, r] of Object.entries(db.data.workshops)) {
      this.codes.set(r.workshop.joinCode, id);
      this.written.set(id, r);
    }
  }

  static async open(dataDir: string, options: LowdbStoreOptions = {}): Promise<LowdbStore> {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const lockFile = join(dataDir, 'plenary.lock');
    await acquireLock(lockFile);
    const journalFile = join(dataDir, 'workshops.journal');
    let journal: FileHandle | undefined;
    try {
      const file = new DurableJSONFile<Data>(join(dataDir, 'workshops.json'));
      const db = new Low<Data>(file, { version: 1, workshops: {} });
      await db.read();
      const replayed = replay(db.data, await readFile(journalFile, 'utf8').catch(missingIsEmpty));
      journal = await open(journalFile, 'a', 0o600);
      const store = new LowdbStore(db, file, lockFile, journal, options);
      store.seq = Math.max(store.seq, replayed);
      // Start from a clean snapshot and an empty journal: a torn tail is never appended after.
      await store.compactNow();
      return store;
    } catch (error) {
      await journal?.close().catch(() => {});
      held.delete(lockFile);
      await unlink(lockFile).catch(() => {});
      throw error;
    }
  }

  async load(id: string): Promise<StoredWorkshop | undefined> {
    return Object.hasOwn(this.db.data.workshops, id) ? this.db.data.workshops[id] : undefined;
  }

  async idForJoinCode(joinCode: string): Promise<string | undefined> {
    return this.codes.get(joinCode);
  }

  async save(record: StoredWorkshop): Promise<void> {
    const { id, joinCode } = record.workshop;
    const previous = Object.hasOwn(this.db.data.workshops, id)
      ? this.db.data.workshops[id]
      : undefined;
    // Records are immutable values (the domain never mutates), so keeping the reference is safe.
    this.db.data.workshops[id] = record;
    this.codes.set(joinCode, id);
    this.dirty.add(id);
    try {
      await this.flush();
    } catch (error) {
      // Not durable, so not acknowledged: put back what was there, so no later write carries it.
      if (this.db.data.workshops[id] === record) {
        if (previous) this.db.data.workshops[id] = previous;
        else {
          delete this.db.data.workshops[id];
          this.codes.delete(joinCode);
        }
      }
      throw error;
    }
  }

  async delete(id: string): Promise<void> {
    const record = this.db.data.workshops[id];
    if (!record) return;
    delete this.db.data.workshops[id];
    this.codes.delete(record.workshop.joinCode);
    this.dirty.add(id);
    await this.flush();
  }

  async list(): Promise<string[]> {
    return Object.keys(this.db.data.workshops);
  }

  async close(): Promise<void> {
    clearTimeout(this.sensitiveTimer);
    this.sensitiveTimer = undefined;
    // Through the write queue, after whatever is being written: a snapshot taken beside an
    // append could truncate that append's entries away.
    this.compactNext = true;
    await this.flush();
    await this.journal.close();
    held.delete(this.lockFile);
    await unlink(this.lockFile).catch(() => {});
  }

  /**
   * The entry that brings workshop `id` from what the disk holds to what it is now: one per
   * workshop per write, however many commands the write holds (a vote burst diffs a poll of
   * 1,000 ballots once per write, not once per vote).
   */
  private entryFor(id: string): Entry | undefined {
    const base = this.written.get(id);
    const now = Object.hasOwn(this.db.data.workshops, id) ? this.db.data.workshops[id] : undefined;
    if (base === now) return undefined;
    const s = ++this.seq;
    if (!now) {
      this.sensitive();
      return { s, w: id, x: 1 };
    }
    if (!base) return { s, w: id, r: now };
    const change = changeBetween(base, now);
    if (isSensitive(change, base, now)) this.sensitive();
    return { s, w: id, ...change };
  }

  /** Fold the journal into the snapshot soon. */
  private sensitive(): void {
    if (this.sensitiveTimer) return;
    this.sensitiveTimer = setTimeout(() => {
      this.sensitiveTimer = undefined;
      this.compactNext = true;
      this.flush().catch(() => undefined);
    }, this.sensitiveCompactMs);
    this.sensitiveTimer.unref();
  }

  private flush(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.waiters.length > 0) {
      const batch = this.waiters;
      this.waiters = [];
      try {
        await this.write();
        for (const w of batch) w.resolve();
      } catch (error) {
        for (const w of batch) w.reject(error);
        // Let their saves put back the records they replaced before anything else is written.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    this.writing = false;
  }

  /** One group commit: the changes since the last appended, or the whole state as the new
   *  snapshot. */
  private async write(): Promise<void> {
    const big = this.journalBytes > Math.max(this.compactBytes, this.snapshotBytes);
    if (this.compactNext || big) return this.compactNow();
    const ids = [...this.dirty];
    this.dirty.clear();
    const lines: string[] = [];
    const records = new Map<string, StoredWorkshop | undefined>();
    for (const id of ids) {
      const entry = this.entryFor(id);
      if (!entry) continue;
      lines.push(JSON.stringify(entry));
      records.set(id, 'x' in entry ? undefined : this.db.data.workshops[id]);
    }
    if (lines.length === 0) return;
    const text = `${lines.join('\n')}\n`;
    try {
      await this.journal.appendFile(text);
      await this.journal.datasync();
    } catch (error) {
      // Part of it may be on disk: the next write replaces the journal with a snapshot.
      this.compactNext = true;
      throw error;
    }
    this.journalBytes += Buffer.byteLength(text);
    for (const [id, record] of records) {
      if (record) this.written.set(id, record);
      else this.written.delete(id);
    }
  }

  /** The whole state as the snapshot, then an empty journal. */
  private async compactNow(): Promise<void> {
    this.dirty.clear();
    this.compactNext = false;
    this.db.data.seq = this.seq;
    const state = new Map(Object.entries(this.db.data.workshops));
    // DurableJSONFile serialises before its first await: the snapshot is the state of this moment.
    const written = this.db.write();
    try {
      await written;
    } catch (error) {
      this.compactNext = true;
      throw error;
    }
    this.written = state;
    this.snapshotBytes = this.file.lastBytes;
    // Entries already in the snapshot are skipped on replay, so a crash before this loses nothing.
    await this.journal.truncate(0);
    this.journalBytes = 0;
  }
}

/** Applies the journal's entries newer than the snapshot to it; returns the last sequence
 *  number. */
function replay(data: Data, text: string): number {
  let seq = data.seq ?? 0;
  const lines = text.split('\n');
  // Without its newline, the last line was being written when the process stopped.
  lines.pop();
  for (const line of lines) {
    let entry: Entry;
    try {
      entry = JSON.parse(line) as Entry;
    } catch {
      // A line broken mid-file can only be the last append's (never acknowledged): stop there.
      break;
    }
    if (entry.s <= seq) continue;
    seq = entry.s;
    if ('r' in entry) data.workshops[entry.w] = entry.r;
    else if ('x' in entry) delete data.workshops[entry.w];
    else {
      const record = data.workshops[entry.w];
      if (!record) throw new Error(`The journal changes a workshop it never created (${entry.w})`);
      applyChangeInPlace(record, entry);
    }
  }
  return seq;
}

function missingIsEmpty(error: unknown): string {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
  throw error;
}

/** Lock files this process holds (a second store in the same process is refused too). */
const held = new Set<string>();

/** One server process per data folder: a second one would overwrite the first one's file. */
async function acquireLock(lockFile: string): Promise<void> {
  if (held.has(lockFile)) {
    throw new DataDirLockedError(
      `This data folder is already open in this process (${lockFile}). Give each server its own DATA_DIR.`,
    );
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockFile, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      held.add(lockFile);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new DataDirLockedError(
          `Another Plenary server (pid ${pid}) is using this data folder (${lockFile}). ` +
            'Stop it, or give this one its own DATA_DIR.',
        );
      }
      // A stale lock from a process that died: take it over.
      await unlink(lockFile).catch(() => {});
    }
  }
  throw new DataDirLockedError(`Could not lock the data folder (${lockFile})`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
