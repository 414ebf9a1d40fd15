/** Logger the collaboration core reports problems to (pino-compatible subset). */
export interface CollabLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * Calls a hook of document `documentId` and logs, never propagates, what it throws or what
 * its returned promise rejects with: one failing hook must not affect the edit or the others.
 */
export function callHookLogged(logger: CollabLogger, documentId: string, hook: string, call: () => unknown): void {
  const report = (error: unknown): void => logger.error({ err: error, documentId, hook }, 'hook failed');
  try {
    const result = call();
    if (result instanceof Promise) result.catch(report);
  } catch (error) {
    report(error);
  }
}
