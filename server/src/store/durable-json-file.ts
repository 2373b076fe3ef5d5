import { open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';

/**
 * A lowdb adapter that survives a crash mid-write: write a temporary file, fsync it, rename it
 * over the old one, fsync the folder. lowdb's own JSONFile (steno) renames but never fsyncs,
 * so an acknowledged change could vanish on power loss.
 */
export class DurableJSONFile<T> implements Adapter<T> {
  /** Bytes of the last file written. */
  lastBytes = 0;

  constructor(private readonly file: string) {}

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Serialises `data` at the call, before anything awaits: later changes are not in this file. */
  async write(data: T): Promise<void> {
    const text = Buffer.from(JSON.stringify(data));
    const tmp = `${this.file}.tmp`;
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, this.file);
    const dir = await open(dirname(this.file), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
    this.lastBytes = text.length;
  }
}
