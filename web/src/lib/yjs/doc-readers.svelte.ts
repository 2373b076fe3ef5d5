import { untrack } from 'svelte';
import { DocConnection, type DocRole } from './doc-connection.svelte';

/**
 * Read-only views of several documents at once (the projector's gallery, comparisons): one
 * connection per artifact, and a version number that changes whenever any of them changes,
 * for `$derived` readers to depend on. Call `sync` from an effect with the wanted ids.
 */
export class DocReaders {
  version = $state(0);
  // Not reactive itself: `version` is, and every change to this map bumps it.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #open = new Map<string, DocConnection>();

  constructor(
    private readonly workshopId: string,
    private readonly role: DocRole,
    private readonly secret: string,
  ) {}

  /** Opens what is wanted and closes what is not. */
  sync(artifactIds: readonly string[]): void {
    untrack(() => {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local, not state
      const wanted = new Set(artifactIds);
      for (const [id, dc] of this.#open) {
        if (wanted.has(id)) continue;
        dc.destroy();
        this.#open.delete(id);
      }
      for (const id of wanted) {
        if (this.#open.has(id)) continue;
        const dc = new DocConnection(this.workshopId, id, this.role, this.secret);
        dc.doc.on('update', () => this.version++);
        dc.connect();
        this.#open.set(id, dc);
      }
      this.version++;
    });
  }

  get(artifactId: string): DocConnection | undefined {
    void this.version;
    return this.#open.get(artifactId);
  }

  destroy(): void {
    for (const dc of this.#open.values()) dc.destroy();
    this.#open.clear();
  }
}
