/**
 * Colours of collaborators' cursors. Each is a 6-digit hex colour (y-prosemirror only
 * accepts that form) dark enough for white label text and visible on a white page.
 */
export const USER_COLORS: readonly string[] = [
  '#1f5fbf', // blue
  '#b3261e', // red
  '#1b7f3b', // green
  '#8e3fb5', // purple
  '#b35900', // orange
  '#00796b', // teal
  '#ad1457', // magenta
  '#5d4037', // brown
  '#3949ab', // indigo
  '#6b7d00', // olive
  '#0277bd', // sky
  '#c2185b', // rose
];

/** The same user always gets the same colour: a stable hash of `userId` picks from the palette. */
export function colorForUser(userId: string): string {
  let hash = 2166136261;
  for (let index = 0; index < userId.length; index++) {
    hash ^= userId.charCodeAt(index);
    hash = Math.imul(hash, 16777619);
  }
  return USER_COLORS[(hash >>> 0) % USER_COLORS.length] ?? '#1f5fbf';
}

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** Returns `value` if it is a 6-digit hex colour, else the fallback; use for colours received from others. */
export function safeColor(value: unknown, fallback = '#5f6b7a'): string {
  return typeof value === 'string' && HEX_COLOR.test(value) ? value : fallback;
}
