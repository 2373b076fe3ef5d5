import { mkdir, open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DocStore } from './doc-store.js';

const SAFE = /^[a-z0-9]{1,64}\/[a-z0-9]{1,64}$/;

interface Pending {
  buffers: Buffer[];
  waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }>;
}

/**
 * How long the first update waiting for a document's log waits for others before they are
 * written together (one write, one fdatasync). Each fdatasync writes at least a 4 KiB block for
 * a 50-byte edit: with 5 editors a document, writing every edit alone cost 70 disk bytes per
 * byte edited (bench/, scenario 5). The wait only delays the "saved" report; the edit reaches
 * the other editors at once, and the browser keeps it on its own disk until it is reported.
 */
export const DOC_COMMIT_WINDOW_MS = 250;

/**
 * One folder per workshop under DATA_DIR/docs, two files per document: `<id>.snap` (the last
 * compacted state) and `<id>.log` (updates since, each prefixed with its length). Appends to a
 * document are group-committed: one write and one fdatasync for all updates waiting.
 */
export class FileDocStore implements DocStore {
  private readonly handles = new Map<string, FileHandle>();
  private readonly pending = new Map<string, Pending>();
  private readonly writing = new Set<string>();
  /** Documents being compacted: their new appends wait, so that the log is not emptied under
   *  an update the snapshot does not hold. */
  private readonly compacting = new Set<string>();

  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly root: string,
    private readonly commitWindowMs = DOC_COMMIT_WINDOW_MS,
  ) {}

  private paths(name: string) {
    if (!SAFE.test(name))
      throw new Error(`Refusing an unsafe document name: ${JSON.stringify(name)}`);
    const base = join(this.root, name);
    return { snap: `${base}.snap`, log: `${base}.log` };
  }

  async load(name: string): Promise<Uint8Array[]> {
    const { snap, log } = this.paths(name);
    const out: Uint8Array[] = [];
    const snapshot = await readFile(snap).catch(notFound);
    if (snapshot && snapshot.length > 0) out.push(new Uint8Array(snapshot));
    const data = await readFile(log).catch(notFound);
    if (data) {
      let at = 0;
      // A crash mid-append can leave a torn last record: stop at the first incomplete one.
      while (at + 4 <= data.length) {
        const len = data.readUInt32LE(at);
        if (at + 4 + len > data.length) break;
        out.push(new Uint8Array(data.subarray(at + 4, at + 4 + len)));
        at += 4 + len;
      }
    }
    return out;
  }

  append(name: string, update: Uint8Array): Promise<void> {
    const header = Buffer.alloc(4);
    header.writeUInt32LE(update.length);
    return new Promise((resolve, reject) => {
      const p = this.pending.get(name) ?? { buffers: [], waiters: [] };
      this.pending.set(name, p);
      p.buffers.push(header, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
      p.waiters.push({ resolve, reject });
      if (this.writing.has(name) || this.compacting.has(name) || this.timers.has(name)) return;
      if (this.commitWindowMs <= 0) return void this.drain(name);
      this.timers.set(
        name,
        setTimeout(() => {
          this.timers.delete(name);
          if (!this.writing.has(name) && !this.compacting.has(name)) void this.drain(name);
        }, this.commitWindowMs),
      );
    });
  }

  /** Writes what is waiting now, without waiting for the window (compaction, close). */
  private async flushNow(name: string): Promise<void> {
    const timer = this.timers.get(name);
    if (timer) {
      clearTimeout(timer);
      this.timers.delete(name);
    }
    if (this.pending.has(name) && !this.writing.has(name) && !this.compacting.has(name))
      await this.drain(name);
  }

  private async handle(name: string): Promise<FileHandle> {
    let h = this.handles.get(name);
    if (!h) {
      const { log } = this.paths(name);
      await mkdir(dirname(log), { recursive: true, mode: 0o700 });
      h = await open(log, 'a', 0o600);
      this.handles.set(name, h);
    }
    return h;
  }

  private async drain(name: string): Promise<void> {
    this.writing.add(name);
    try {
      for (let p = this.pending.get(name); p && p.waiters.length > 0; p = this.pending.get(name)) {
        if (this.compacting.has(name)) break;
        this.pending.delete(name);
        try {
          const h = await this.handle(name);
          await h.write(Buffer.concat(p.buffers));
          await h.datasync();
          for (const w of p.waiters) w.resolve();
        } catch (error) {
          for (const w of p.waiters) w.reject(error);
        }
      }
    } finally {
      this.writing.delete(name);
    }
  }

  /** Writes the snapshot (temp file, fsync, rename), then empties the log. Replaying a log over
   *  a newer snapshot is harmless (Yjs updates are idempotent), so a crash in between loses nothing.
   *  The snapshot holds every update appended before this call; appends made after it are held
   *  back until the log is emptied, then written to the new log. */
  async compact(name: string, snapshot: Uint8Array): Promise<void> {
    const { snap } = this.paths(name);
    this.compacting.add(name);
    try {
      while (this.writing.has(name)) await new Promise((r) => setTimeout(r, 1));
      await mkdir(dirname(snap), { recursive: true, mode: 0o700 });
      const tmp = `${snap}.tmp`;
      const fh = await open(tmp, 'w', 0o600);
      try {
        await fh.writeFile(snapshot);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, snap);
      const h = await this.handle(name);
      await h.truncate(0);
      await h.sync();
    } finally {
      this.compacting.delete(name);
      if (this.pending.has(name) && !this.writing.has(name)) void this.drain(name);
    }
  }

  /** A deleted document's waiting updates are dropped, not written into a new log. */
  private drop(name: string): void {
    const timer = this.timers.get(name);
    if (timer) clearTimeout(timer);
    this.timers.delete(name);
    const p = this.pending.get(name);
    this.pending.delete(name);
    for (const w of p?.waiters ?? []) w.reject(new Error('The document was deleted'));
  }

  async delete(name: string): Promise<void> {
    this.drop(name);
    const { snap, log } = this.paths(name);
    await this.handles.get(name)?.close();
    this.handles.delete(name);
    await Promise.all([rm(snap, { force: true }), rm(log, { force: true })]);
  }

  async deleteWorkshop(workshopId: string): Promise<void> {
    for (const name of [...this.pending.keys()])
      if (name.startsWith(`${workshopId}/`)) this.drop(name);
    for (const [name, h] of this.handles) {
      if (!name.startsWith(`${workshopId}/`)) continue;
      await h.close();
      this.handles.delete(name);
    }
    if (/^[a-z0-9]{1,64}$/.test(workshopId))
      await rm(join(this.root, workshopId), { recursive: true, force: true });
  }

  async close(): Promise<void> {
    for (const name of [...this.timers.keys()]) await this.flushNow(name);
    while (this.writing.size > 0) await new Promise((r) => setTimeout(r, 1));
    for (const h of this.handles.values()) await h.close();
    this.handles.clear();
  }
}

function notFound(error: NodeJS.ErrnoException): undefined {
  if (error.code === 'ENOENT') return undefined;
  throw error;
}
