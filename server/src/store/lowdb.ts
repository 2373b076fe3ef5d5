import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { DurableJSONFile } from './durable-json-file.js';
import type { Store, StoredWorkshop } from './store.js';

interface Data {
  version: 1;
  workshops: Record<string, StoredWorkshop>;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class DataDirLockedError extends Error {}

/**
 * The embedded default store: one JSON file under DATA_DIR, written through lowdb.
 *
 * Writes are group-committed: every `save` joins the next file write, and a write starts as soon
 * as the previous one ends, so a burst of commands costs a few rewrites, not one per command.
 * `save` resolves after the write that contains it is on disk.
 */
export class LowdbStore implements Store {
  private readonly codes = new Map<string, string>();
  private waiters: Waiter[] = [];
  private writing = false;

  private constructor(
    private readonly db: Low<Data>,
    private readonly lockFile: string,
  ) {
    for (const [id, r] of Object.entries(db.data.workshops))
      this.codes.set(r.workshop.joinCode, id);
  }

  static async open(dataDir: string): Promise<LowdbStore> {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const lockFile = join(dataDir, 'plenary.lock');
    await acquireLock(lockFile);
    const db = new Low<Data>(new DurableJSONFile(join(dataDir, 'workshops.json')), {
      version: 1,
      workshops: {},
    });
    try {
      await db.read();
    } catch (error) {
      held.delete(lockFile);
      await unlink(lockFile).catch(() => {});
      throw error;
    }
    return new LowdbStore(db, lockFile);
  }

  async load(id: string): Promise<StoredWorkshop | undefined> {
    return Object.hasOwn(this.db.data.workshops, id) ? this.db.data.workshops[id] : undefined;
  }

  async idForJoinCode(joinCode: string): Promise<string | undefined> {
    return this.codes.get(joinCode);
  }

  async save(record: StoredWorkshop): Promise<void> {
    const { id, joinCode } = record.workshop;
    const previous = this.db.data.workshops[id];
    // Records are immutable values (the domain never mutates), so keeping the reference is safe.
    this.db.data.workshops[id] = record;
    this.codes.set(joinCode, id);
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
    await this.flush();
  }

  async list(): Promise<string[]> {
    return Object.keys(this.db.data.workshops);
  }

  async close(): Promise<void> {
    await this.flush();
    held.delete(this.lockFile);
    await unlink(this.lockFile).catch(() => {});
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
        await this.db.write();
        for (const w of batch) w.resolve();
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    this.writing = false;
  }
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
