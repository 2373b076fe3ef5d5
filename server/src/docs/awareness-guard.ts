import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface Identity {
  name: string;
  role: 'facilitator' | 'participant' | 'screen';
  participantId: string | null;
  color: string;
}

/**
 * Rewrites an awareness update from one connection so it cannot lie: it may only speak for the
 * Yjs client ids that connection owns (its first one is bound to it), and its `user` field is
 * replaced by the identity the server authenticated. Returns undefined to refuse the update.
 */
export function guardAwareness(update: Uint8Array, owned: Set<number>, identity: Identity, maxStateBytes = 8192): Uint8Array | undefined {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > 16) return undefined;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, count);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    if (json.length > maxStateBytes) return undefined;
    if (owned.size === 0) owned.add(clientId);
    if (!owned.has(clientId)) return undefined;
    let state: unknown = JSON.parse(json);
    if (state !== null) {
      if (typeof state !== 'object' || Array.isArray(state)) return undefined;
      state = { ...(state as Record<string, unknown>), user: { ...identity } };
    }
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}
