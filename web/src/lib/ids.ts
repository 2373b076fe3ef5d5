// Random ids made in the browser. `crypto.getRandomValues` exists in every context;
// `crypto.randomUUID` only in secure ones (https or localhost), and a laptop serving the
// venue's Wi-Fi over plain http is not one.

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** `bytes` random bytes as lowercase hex (2 characters a byte). */
export function randomHex(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  let out = '';
  for (const byte of buffer) out += HEX[byte];
  return out;
}

/** A command id: 128 random bits (the server takes 8 to 64 characters). */
export const newCmdId = (): string => randomHex(16);

/** An item id inside a co-edited document: 64 random bits (16 hex). */
export const newDocId = (): string => randomHex(8);
