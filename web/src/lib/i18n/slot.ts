/**
 * A translated sentence with markup in it ("Send this link to <strong>Ana</strong> privately"):
 * the message is called with SLOT for the marked-up input, and split around it, so the sentence
 * stays whole in every language and the markup lands wherever that language puts the input.
 */
export const SLOT = '\u{E000}';

export function aroundSlot(sentence: string): [before: string, after: string] {
  const at = sentence.indexOf(SLOT);
  return at < 0 ? [sentence, ''] : [sentence.slice(0, at), sentence.slice(at + SLOT.length)];
}
