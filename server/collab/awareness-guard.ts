import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { ConnectionIdentity } from './socket.ts';

/** Largest awareness state (JSON) one client may publish. */
export const MAX_AWARENESS_STATE_BYTES = 8 * 1024;

/** Entries accepted in one awareness message unless the caller says otherwise. */
export const MAX_AWARENESS_ENTRIES = 1000;

/** Why an awareness update was refused as a whole. */
export class AwarenessRejected extends Error {
  override name = 'AwarenessRejected';
  constructor(readonly reason: 'malformed' | 'too_large' | 'too_many_entries', message: string) {
    super(message);
  }
}

/** The identity the server writes into every awareness state's `user` field. */
export interface StampedUser {
  id: string;
  name: string;
  role: string;
  organizationId: string | null;
  color: string;
}

const COLOR = /^#[0-9a-fA-F]{6}$/;
const DEFAULT_COLOR = '#1f6feb';

/** An awareness update after the guard, with what each kept entry weighs. */
export interface GuardedAwareness {
  /** The rewritten update to apply. */
  update: Uint8Array;
  /** Each kept entry: its client id and the bytes of its stamped state (0 for a removal). */
  entries: Array<{ clientId: number; bytes: number }>;
}

/**
 * Rewrites an awareness update received from a connection so that nobody can pose as
 * someone else: entries for client ids controlled by another user are dropped, and every
 * state's `user` field is replaced by the connection's identity (the client's colour is kept
 * if it is a plain `#rrggbb`). Returns null when nothing is left to apply.
 * Throws `AwarenessRejected` on undecodable input, a state over MAX_AWARENESS_STATE_BYTES or
 * more than `maxEntries` entries (checked before any state is read).
 */
export function guardAwarenessUpdate(
  update: Uint8Array,
  identity: ConnectionIdentity,
  mayControl: (clientId: number) => boolean,
  maxEntries: number = MAX_AWARENESS_ENTRIES,
): GuardedAwareness | null {
  const decoder = decoding.createDecoder(update);
  const encoder = encoding.createEncoder();
  let kept = 0;
  const entries: Array<{ clientId: number; clock: number; json: string }> = [];
  try {
    const count = decoding.readVarUint(decoder);
    if (count > maxEntries) throw new AwarenessRejected('too_many_entries', `${count} awareness entries in one message`);
    for (let index = 0; index < count; index++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      entries.push({ clientId, clock, json });
    }
  } catch (error) {
    if (error instanceof AwarenessRejected) throw error;
    throw new AwarenessRejected('malformed', `undecodable awareness update: ${String(error)}`);
  }
  for (const entry of entries) {
    if (Buffer.byteLength(entry.json) > MAX_AWARENESS_STATE_BYTES) {
      throw new AwarenessRejected('too_large', `awareness state of ${Buffer.byteLength(entry.json)} bytes`);
    }
    if (!mayControl(entry.clientId)) continue;
    let state: unknown;
    try {
      state = JSON.parse(entry.json);
    } catch {
      throw new AwarenessRejected('malformed', 'awareness state is not JSON');
    }
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
      throw new AwarenessRejected('malformed', 'awareness state must be an object or null');
    }
    const stamped = state === null ? null : { ...(state as Record<string, unknown>), user: stampUser(state as Record<string, unknown>, identity) };
    entries[kept++] = { ...entry, json: JSON.stringify(stamped) };
  }
  if (kept === 0) return null;
  encoding.writeVarUint(encoder, kept);
  const weights: GuardedAwareness['entries'] = [];
  for (const entry of entries.slice(0, kept)) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
    weights.push({ clientId: entry.clientId, bytes: entry.json === 'null' ? 0 : Buffer.byteLength(entry.json) });
  }
  return { update: encoding.toUint8Array(encoder), entries: weights };
}

/** The server's `user` field for a state, keeping only a well-formed colour from the client. */
function stampUser(state: Record<string, unknown>, identity: ConnectionIdentity): StampedUser {
  const claimed = state.user;
  const color = typeof claimed === 'object' && claimed !== null ? (claimed as { color?: unknown }).color : undefined;
  return {
    id: identity.userId,
    name: identity.displayName,
    role: identity.role,
    organizationId: identity.organizationId,
    color: typeof color === 'string' && COLOR.test(color) ? color : DEFAULT_COLOR,
  };
}
