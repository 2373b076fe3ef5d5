import { objectivesOf, readPlan } from '@plenary/shared/docs';
import type { PlanItem } from '@plenary/shared';
import { DocConnection } from '$lib/yjs/doc-connection.svelte';
import { setField } from '$lib/yjs/live-list.svelte';

/** Fields of an objective the follow-up may change: where it stands, and a short note. */
export interface ProgressFields {
  status?: PlanItem['status'];
  progress?: string;
}

/**
 * One group action plan, opened for the follow-up: its objectives as plain data, re-read on
 * every change, and the two fields the follow-up writes. Edits go through the document, so the
 * group workspace and the report see them too.
 */
export class PlanDoc {
  objectives = $state.raw<PlanItem[]>([]);
  readonly conn: DocConnection;

  constructor(
    workshopId: string,
    readonly artifactId: string,
    token: string,
  ) {
    this.conn = new DocConnection(workshopId, artifactId, 'participant', token);
    const read = () => (this.objectives = readPlan(this.conn.doc));
    this.conn.doc.on('update', read);
    read();
  }

  connect(): void {
    this.conn.connect();
  }

  destroy(): void {
    this.conn.destroy();
  }

  set(objectiveId: string, fields: ProgressFields): void {
    setField(objectivesOf(this.conn.doc), objectiveId, { ...fields });
  }
}
