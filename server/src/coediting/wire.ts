import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { DOC_MESSAGE } from '@plenary/shared';

/** A message from a client, decoded. */
export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' };

/** Decodes a client's message; throws on malformed or unknown bytes. */
export function decodeClientMessage(bytes: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(bytes);
  const type = decoding.readVarUint(decoder);
  if (type === DOC_MESSAGE.sync) {
    const syncType = decoding.readVarUint(decoder);
    if (syncType === syncProtocol.messageYjsSyncStep1)
      return { type: 'sync-step1', stateVector: decoding.readVarUint8Array(decoder) };
    if (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate)
      throw new Error('unknown sync message');
    return { type: 'update', update: decoding.readVarUint8Array(decoder) };
  }
  if (type === DOC_MESSAGE.awareness)
    return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
  if (type === DOC_MESSAGE.queryAwareness) return { type: 'query-awareness' };
  throw new Error(`unknown message type ${type}`);
}

function encode(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** Sync step 1: the server's state vector, asking the client for what the server lacks. */
export const syncStep1Message = (stateVector: Uint8Array) =>
  encode((e) => {
    encoding.writeVarUint(e, DOC_MESSAGE.sync);
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
    encoding.writeVarUint8Array(e, stateVector);
  });

/** Sync step 2: what the client lacks. */
export const syncStep2Message = (update: Uint8Array) =>
  encode((e) => {
    encoding.writeVarUint(e, DOC_MESSAGE.sync);
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(e, update);
  });

export const updateMessage = (update: Uint8Array) =>
  encode((e) => {
    encoding.writeVarUint(e, DOC_MESSAGE.sync);
    syncProtocol.writeUpdate(e, update);
  });

/** The presence of the given clients. */
export const awarenessMessage = (awareness: awarenessProtocol.Awareness, clients: number[]) =>
  encode((e) => {
    encoding.writeVarUint(e, DOC_MESSAGE.awareness);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  });

/** Plenary's own message: this state vector is durably stored. */
export const savedMessage = (stateVector: Uint8Array) =>
  encode((e) => {
    encoding.writeVarUint(e, DOC_MESSAGE.saved);
    encoding.writeVarUint8Array(e, stateVector);
  });

/** A state vector (client -> clock) in Yjs's encoding. */
export function encodeStateVector(sv: Map<number, number>): Uint8Array {
  return encode((e) => {
    encoding.writeVarUint(e, sv.size);
    for (const [client, clock] of sv) {
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, clock);
    }
  });
}
