/**
 * Longest strictly increasing subsequence in O(n log n) (patience sorting with back links).
 * Used to tell which matched blocks kept their relative order: the others moved.
 */

/**
 * Returns the indices (into `values`) of one longest strictly increasing subsequence, in
 * increasing order. Ties go to the earliest-ending candidates, so the result is deterministic.
 */
export function longestIncreasingSubsequence(values: readonly number[]): number[] {
  // tails[k] = index of the smallest tail of an increasing run of length k + 1.
  const tails: number[] = [];
  const previous = new Int32Array(values.length).fill(-1);
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] ?? 0;
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((values[tails[mid] ?? 0] ?? 0) < value) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[i] = tails[low - 1] ?? -1;
    tails[low] = i;
  }
  const result = new Array<number>(tails.length);
  let cursor = tails.length > 0 ? (tails[tails.length - 1] ?? -1) : -1;
  for (let k = tails.length - 1; k >= 0; k -= 1) {
    result[k] = cursor;
    cursor = previous[cursor] ?? -1;
  }
  return result;
}
