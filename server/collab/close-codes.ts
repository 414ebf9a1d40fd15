import CLOSE_CODES from './close-codes.json';

/**
 * WebSocket close codes the collaboration server uses. Stable: clients may branch on them.
 * 4000–4999 is the range RFC 6455 leaves to applications. Following y-websocket's convention,
 * 4400–4499 are final (the provider stops reconnecting: reconnecting cannot help) and
 * 4500–4599 mean "try again" (the provider reconnects by itself). The table, with what each
 * code means, is `close-codes.json`; the README lists every code (a test checks it).
 */
export const CloseCodes: Readonly<Record<keyof typeof CLOSE_CODES, CloseCode>> = CLOSE_CODES;

/** One close code with its reason text (sent with the close frame) and what it means. */
export interface CloseCode {
  readonly code: number;
  readonly reason: string;
  readonly meaning: string;
}
