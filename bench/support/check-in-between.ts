/**
 * A check-in over HTTP between reads, for the "read after a check-in" rows: the same check-in
 * goes before our read and before the baseline, so the ratio compares what the read costs once
 * a check-in has moved the period's counter (the period model brought forward, decisions/0029).
 */
import { callApi } from "./http.js";

/** Checks in progress on the key results in turn (`run` picks one). */
export function checkInBetween(
  url: string,
  token: string,
  keyResultIds: readonly string[],
): (run: number) => Promise<void> {
  let n = 0;
  return async () => {
    n += 1;
    const id = keyResultIds[(n * 37) % keyResultIds.length] as string;
    const answer = await callApi(url, token, "POST", `/api/key-results/${id}/check-ins`, {
      progress: (n % 100) / 100,
      note: "bench",
    });
    if (answer.status !== 201)
      throw new Error(`check-in answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  };
}
