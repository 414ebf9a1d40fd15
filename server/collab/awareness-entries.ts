import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** One entry of an encoded awareness update: a client's state (JSON, `null` for a removal) at a clock. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  json: string;
}

/** Reads the entries of an awareness update (y-protocols' encoding). Throws on undecodable input. */
export function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let index = 0; index < count; index++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    entries.push({ clientId, clock, json: decoding.readVarString(decoder) });
  }
  return entries;
}

/** Encodes entries as an awareness update that y-protocols' `applyAwarenessUpdate` reads. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
  }
  return encoding.toUint8Array(encoder);
}
