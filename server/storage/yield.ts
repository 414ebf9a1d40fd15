import { performance } from 'node:perf_hooks';

/** Longest stretch of storage work before it gives the event loop a turn. */
const SLICE_MS = 8;

/**
 * Returns a pacer for one long job (a load, a compaction): calling it resolves at once while
 * the current slice of work is short, and after a `setImmediate` (letting sockets and timers
 * run) once the slice has taken `SLICE_MS`. The job calls it between items, so no single turn
 * of the event loop runs long.
 */
export function slicer(): () => Promise<void> {
  let sliceStarted = performance.now();
  return async () => {
    if (performance.now() - sliceStarted < SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    sliceStarted = performance.now();
  };
}
