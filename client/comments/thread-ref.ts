/** Characters of a thread id shown as its short reference. */
const REF_LENGTH = 6;

/**
 * The short reference a person reads and types for a thread ("#Ab3xYz"): the first
 * characters of its id. The thread card shows it, the set-aside mark names a duplicate by it.
 */
export function threadRef(threadId: string): string {
  return threadId.slice(0, REF_LENGTH);
}
