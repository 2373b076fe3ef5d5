import type { Store, StoredWorkshop } from './store.js';

/** In-memory store for tests. Copies on the way in and out, like a real store would. */
export class MemoryStore implements Store {
  private readonly records = new Map<string, string>();
  private readonly codes = new Map<string, string>();

  async load(id: string): Promise<StoredWorkshop | undefined> {
    const json = this.records.get(id);
    return json === undefined ? undefined : (JSON.parse(json) as StoredWorkshop);
  }

  async idForJoinCode(joinCode: string): Promise<string | undefined> {
    return this.codes.get(joinCode);
  }

  async save(record: StoredWorkshop): Promise<void> {
    const { id, joinCode } = record.workshop;
    this.records.set(id, JSON.stringify(record));
    this.codes.set(joinCode, id);
  }

  async delete(id: string): Promise<void> {
    const record = await this.load(id);
    if (record) this.codes.delete(record.workshop.joinCode);
    this.records.delete(id);
  }

  async list(): Promise<string[]> {
    return [...this.records.keys()];
  }

  async close(): Promise<void> {}
}
