export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_CAP_MS = 3600_000;
/** ± this fraction of the delay, so tasks that failed together do not all retry at the same instant. */
export const BACKOFF_JITTER = 0.2;

/** Wait before the next try after `attempt` tries failed: 30 s, 1 min, 2 min, … up to 1 h, ±20 %. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempt - 1);
  const delay = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(exponent, 30));
  return Math.round(delay * (1 - BACKOFF_JITTER + 2 * BACKOFF_JITTER * random()));
}
