/**
 * Storage for co-edited documents: a snapshot plus the updates appended since. `append` resolves
 * when the update is durable; `compact` replaces everything with one snapshot.
 */
export interface DocStore {
  load(name: string): Promise<Uint8Array[]>;
  append(name: string, update: Uint8Array): Promise<void>;
  compact(name: string, snapshot: Uint8Array): Promise<void>;
  /** Deletes one document (name `<workshopId>/<artifactId>`), or every document of a workshop. */
  delete(name: string): Promise<void>;
  deleteWorkshop(workshopId: string): Promise<void>;
  close(): Promise<void>;
}

export class MemoryDocStore implements DocStore {
  private readonly docs = new Map<string, Uint8Array[]>();

  async load(name: string) {
    return [...(this.docs.get(name) ?? [])];
  }
  async append(name: string, update: Uint8Array) {
    this.docs.set(name, [...(this.docs.get(name) ?? []), update]);
  }
  async compact(name: string, snapshot: Uint8Array) {
    this.docs.set(name, [snapshot]);
  }
  async delete(name: string) {
    this.docs.delete(name);
  }
  async deleteWorkshop(workshopId: string) {
    for (const name of [...this.docs.keys()])
      if (name.startsWith(`${workshopId}/`)) this.docs.delete(name);
  }
  async close() {}
}
