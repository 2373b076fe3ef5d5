import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface Identity {
  name: string;
  role: 'facilitator' | 'participant' | 'screen';
  participantId: string | null;
  color: string;
}

/**
 * Rewrites an awareness update from one connection so it cannot lie. It speaks only for the Yjs
 * client ids that connection owns (its first one is bound to it); entries for other clients are
 * dropped (y-websocket clients relay everyone's presence, so these are normal, and never trusted).
 * The `user` field is replaced by the identity the server authenticated. Returns undefined when
 * nothing is left to apply, or when the update is malformed (the caller closes the connection).
 */
export function guardAwareness(
  update: Uint8Array,
  owned: Set<number>,
  identity: Identity,
  maxStateBytes = 8192,
): { update: Uint8Array | undefined } | undefined {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > 1000) return undefined;
  const kept: Array<[number, number, string]> = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    if (json.length > maxStateBytes) return undefined;
    if (owned.size === 0) owned.add(clientId);
    if (!owned.has(clientId)) continue;
    let state: unknown = JSON.parse(json);
    if (state !== null) {
      if (typeof state !== 'object' || Array.isArray(state)) return undefined;
      state = { ...(state as Record<string, unknown>), user: { ...identity } };
    }
    kept.push([clientId, clock, JSON.stringify(state)]);
  }
  if (kept.length === 0) return { update: undefined };
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const [clientId, clock, json] of kept) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return { update: encoding.toUint8Array(encoder) };
}
