import * as Y from 'yjs';
import type { PresenceUser } from './doc-connection.svelte';

/** Someone else's caret in a shared text: where it is now, and whose it is. */
export interface OtherCaret {
  user: PresenceUser;
  index: number;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/**
 * Who is in which field. A person's awareness `editing` is the field they are in (`<item>:<key>`),
 * followed, in a text, by their caret as a Yjs relative position (`#` and base64), which stays
 * on the same character however much others type before it.
 */
export class FieldEditing {
  constructor(
    private readonly setEditing: (value: string | null) => void,
    private readonly users: () => readonly PresenceUser[] = () => [],
    private readonly selfId: () => number = () => -1,
  ) {}

  /** Focus and blur handlers for a field with this id that is not a text (a choice, a date). */
  focus(field: string) {
    return { onfocus: () => this.setEditing(field), onblur: () => this.setEditing(null) };
  }

  /** Focus, blur and caret handlers for the text field with this id (for CollabInput). */
  handlers(field: string) {
    return {
      ...this.focus(field),
      onselect: (text: Y.Text, _start: number, end: number) => {
        const position = Y.createRelativePositionFromTypeIndex(text, end);
        this.setEditing(`${field}#${toBase64(Y.encodeRelativePosition(position))}`);
      },
    };
  }

  /** The others in this field now. */
  others(field: string): PresenceUser[] {
    const self = this.selfId();
    return this.users().filter(
      (u) => u.clientId !== self && u.editing !== null && u.editing.split('#')[0] === field,
    );
  }

  /** The others' carets in this field's text, as indexes into it now. */
  carets(field: string, text: Y.Text | undefined): OtherCaret[] {
    if (!text?.doc) return [];
    const out: OtherCaret[] = [];
    for (const user of this.others(field)) {
      const encoded = user.editing?.split('#')[1];
      if (!encoded) continue;
      try {
        const position = Y.createAbsolutePositionFromRelativePosition(
          Y.decodeRelativePosition(fromBase64(encoded)),
          text.doc,
        );
        if (position && position.type === text) out.push({ user, index: position.index });
      } catch {
        // A malformed position from an old or broken client: no caret shown for it.
      }
    }
    return out;
  }
}

/** For documents shown read-only (the projector): nobody's presence. */
export const NO_EDITING = new FieldEditing(() => {});
