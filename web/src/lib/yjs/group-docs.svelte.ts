import type { Artifact, Exercise, SessionView } from '@plenary/shared';
import type * as Y from 'yjs';
import type { DocRole } from './doc-connection.svelte';
import { m } from '$lib/paraglide/messages';
import { facilitatorKey } from '$lib/storage';
import { DocReaders } from './doc-readers.svelte';

/** One group's work as a reader of several sees it. */
export interface GroupDoc {
  artifact: Artifact;
  group: string;
  /** Null until it has loaded. */
  doc: Y.Doc | null;
}

interface Source {
  workshopId: string;
  role: DocRole;
  /** The facilitator's or the projector's key; nothing is read without one. */
  secret: string | null;
  artifacts: readonly Artifact[];
  groupName: (groupId: string) => string;
}

/**
 * Several groups' documents read live, for as long as the component that makes this lives: the
 * console's comparisons and the projector's gallery. Make it while the component starts; `source`
 * is read reactively (the artifacts shown change as the session does).
 */
export class GroupDocs {
  readonly #source: () => Source;
  readonly #readers = $derived.by(() => {
    const { workshopId, role, secret } = this.#source();
    return secret ? new DocReaders(workshopId, role, secret) : null;
  });
  /** The ids as one string: the session's patches make new arrays of the same artifacts. */
  readonly #ids = $derived.by(() =>
    this.#source()
      .artifacts.map((a) => a.id)
      .join(' '),
  );

  constructor(source: () => Source) {
    this.#source = source;
    $effect(() => {
      const readers = this.#readers;
      return () => readers?.destroy();
    });
    $effect(() => {
      const ids = this.#ids;
      this.#readers?.sync(ids ? ids.split(' ') : []);
    });
  }

  /** Changes whenever any of the documents does, for what reads them in `$derived`. */
  get version(): number {
    return this.#readers?.version ?? 0;
  }

  /** Each artifact with its group's name and its document, read afresh on every change. */
  get docs(): GroupDoc[] {
    const { artifacts, groupName } = this.#source();
    return artifacts.map((artifact) => {
      const dc = this.#readers?.get(artifact.id);
      return { artifact, group: groupName(artifact.groupId), doc: dc?.loaded ? dc.doc : null };
    });
  }
}

/**
 * Every group's document of one exercise, read live with the facilitator's key on this device:
 * the console's comparisons. Make it while the component starts.
 */
export function exerciseDocs(
  props: () => { workshopId: string; session: SessionView; exercise: Exercise },
): GroupDocs {
  return new GroupDocs(() => {
    const { workshopId, session, exercise } = props();
    return {
      workshopId,
      role: 'facilitator',
      secret: facilitatorKey.get(workshopId),
      artifacts: session.artifacts.filter((a) => a.exerciseId === exercise.id),
      groupName: (groupId) =>
        session.groups.find((g) => g.id === groupId)?.name ?? m.console_groups_deleted_group(),
    };
  });
}
