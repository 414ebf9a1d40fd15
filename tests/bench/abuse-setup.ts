/** What the abuse bench (`abuse.ts`) and its attacker process (`abuse-attacker.ts`) share. */

/** Workload of the abuse measurement. */
export interface AbuseOptions {
  /** How long each case measures edit delivery, in ms. */
  durationMs: number;
  /** Pause between two honest edits, in ms. */
  editPauseMs: number;
  /** Orphan updates per flooding socket (the budget is 500). */
  orphansPerSocket: number;
  /** Awareness entries per flooding message, and bytes per state. */
  awarenessEntries: number;
  awarenessStateBytes: number;
  /** Parallel wrong-password logins per wave. */
  loginsPerWave: number;
}

/** The cases, in the order they run. */
export const ABUSE_CASES = ['quiet', 'missing dependencies', 'awareness flood (ministry)', 'login flood'] as const;

/** One of ABUSE_CASES. */
export type AbuseCase = (typeof ABUSE_CASES)[number];

/** Where to attack, and with which sessions (the first argument of this process, as JSON). */
export interface AttackSetup {
  case: AbuseCase;
  baseUrl: string;
  wsUrl: string;
  admin: string;
  ministry: string;
  documentId: string;
  options: AbuseOptions;
}
