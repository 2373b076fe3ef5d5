import * as Y from 'yjs';

/**
 * Yjs decodes the values of an update by pushing each onto an empty array, and V8 gives such an
 * array room for 17. On the server every value arrives decoded, so each `map.set(key, value)` from
 * a client kept about 130 bytes of empty slots for as long as the value lived: a template
 * checklist's 128 values carried 16 KB of them, nearly a quarter of its 71 KB of heap. Run after
 * each transaction (Yjs's `afterTransactionCleanup`, once structs are merged), this gives the
 * values the transaction added an array of their own length. The values are the same objects and
 * the document the same state: nothing a client receives or the store writes changes. (Yjs
 * 13.6's `readContentAny`: an array of the decoded length there would make this unnecessary.)
 */
export function trimAddedValues(tr: Y.Transaction): void {
  const clients = tr.doc.store.clients;
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    const structs = clients.get(client);
    if (after <= before || !structs) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i];
      if (struct instanceof Y.Item && struct.content instanceof Y.ContentAny)
        struct.content.arr = struct.content.arr.slice();
    }
  }
}

/**
 * Yjs joins a character typed after another by the same person to the run before it
 * (`str += right.str`), and V8 keeps such a join as a rope: a node of about 30 bytes a keystroke,
 * for as long as the run lives. Text typed one keystroke an update, as the app sends it, took
 * four times the heap of the same text loaded whole. Run after each transaction (Yjs's
 * `afterTransactionCleanup`, once structs are merged), this rewrites the run that took in the
 * transaction's first new characters as one flat string (UTF-16 code units as they are, lone
 * surrogates included). Runs under 13 characters are never ropes in V8.
 */
export function flattenJoinedText(tr: Y.Transaction): void {
  const clients = tr.doc.store.clients;
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    const structs = clients.get(client);
    if (after <= before || before === 0 || !structs) continue;
    const run = structs[Y.findIndexSS(structs, before - 1)];
    if (!(run instanceof Y.Item) || !(run.content instanceof Y.ContentString)) continue;
    // Joined only when the run now reaches past what it held before the transaction.
    if (run.id.clock + run.length <= before || run.length < 13) continue;
    run.content.str = Buffer.from(run.content.str, 'utf16le').toString('utf16le');
  }
}
