import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface Identity {
  name: string;
  role: 'facilitator' | 'participant' | 'screen';
  participantId: string | null;
  color: string;
}

/** The same person or screen: a presence entry of theirs may move to their new connection. */
export function sameIdentity(a: Pick<Identity, 'role' | 'participantId'>, b: Identity): boolean {
  return a.role === b.role && a.participantId === b.participantId;
}

/**
 * Rewrites an awareness update from one connection so it cannot lie. It speaks only for the Yjs
 * client id bound to that connection: the first one it announces a state for that `mayClaim`
 * allows (the server allows an id nobody else holds, or one held by the same person: a tab back
 * after a Wi-Fi drop). Entries for other clients are dropped (y-websocket clients relay everyone's
 * presence, so these are normal, and never trusted); a removal (null state) binds nothing. The
 * `user` field is replaced by the identity the server authenticated. Returns undefined when
 * nothing is left to apply, or when the update is malformed (the caller closes the connection).
 */
export function guardAwareness(
  update: Uint8Array,
  owned: Set<number>,
  identity: Identity,
  mayClaim: (clientId: number) => boolean,
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
    let state: unknown = JSON.parse(json);
    if (owned.size === 0 && state !== null && mayClaim(clientId)) owned.add(clientId);
    if (!owned.has(clientId)) continue;
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
