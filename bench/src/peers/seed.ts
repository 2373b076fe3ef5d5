import * as Y from 'yjs';
import { seedChecklist } from '@plenary/shared/docs';

/** The checklist template our server seeds an exercise with; the peers seed the same content. */
export const CHECKLIST_TEMPLATE = 'identification-adult';

let seq = 0;
const newId = () => `seed${(++seq).toString(36)}`;

/**
 * Seeds a peer's document the way our server seeds an exercise: checklists from the template,
 * maps empty. Documents are named `<kind>-<n>` on the peers.
 */
export function seedPeerDoc(name: string, doc: Y.Doc): void {
  if (name.startsWith('checklist')) seedChecklist(doc, CHECKLIST_TEMPLATE, newId);
}
