import * as Y from 'yjs';
import { describeZodError, WorkshopBackupSchema, type ParsedWorkshopBackup } from '@plenary/shared';

export type BackupCheck =
  | {
      ok: true;
      workshop: ParsedWorkshopBackup['workshop'];
      /** Each document's state, checked (the backup's base64 stays in the worker). */
      states: Array<[artifactId: string, Uint8Array]>;
    }
  | { ok: false; code: 'bad_request' | 'too_large'; message: string; field?: string };

/**
 * A backup file's bytes, parsed and checked whole before anything is written: the JSON, its
 * schema, and every document (loaded into an empty document; what is kept is what loaded,
 * encoded again). Pure and synchronous: it runs in a worker thread (backup-worker.ts).
 */
export function checkBackup(bytes: Uint8Array, maxDocBytes: number): BackupCheck {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return { ok: false, code: 'bad_request', message: 'The backup is not valid JSON' };
  }
  const parsed = WorkshopBackupSchema.safeParse(body ?? {});
  if (!parsed.success) {
    const { message, field } = describeZodError(parsed.error);
    return {
      ok: false,
      code: 'bad_request',
      message: `This backup cannot be restored. ${message}`,
      ...(field !== undefined && { field }),
    };
  }
  const states: Array<[string, Uint8Array]> = [];
  for (const d of parsed.data.documents) {
    const state = documentState(d.state, maxDocBytes);
    if (typeof state === 'string')
      return {
        ok: false,
        code: state === 'too large' ? 'too_large' : 'bad_request',
        message: `This backup cannot be restored: a document is ${state}.`,
        field: 'documents',
      };
    states.push([d.artifactId, state]);
  }
  return { ok: true, workshop: parsed.data.workshop, states };
}

/** A document's state from the backup, or a string saying what is wrong with it. */
function documentState(base64: string, maxBytes: number): Uint8Array | string {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > maxBytes) return 'too large';
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, new Uint8Array(bytes));
    if (doc.store.pendingStructs || doc.store.pendingDs) return 'incomplete';
    return Y.encodeStateAsUpdate(doc);
  } catch {
    return 'not a readable document';
  } finally {
    doc.destroy();
  }
}
