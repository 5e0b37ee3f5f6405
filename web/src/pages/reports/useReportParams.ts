import { useCallback } from "react";
import { useSearchParams } from "react-router-dom";
import { zonedDateKey } from "../../lib/format";

/** The query keys a report page keeps in its URL (bookmark and share it). */
export const PARAM_KEYS = [
  "from",
  "to",
  "clientId",
  "kind",
  "urgent",
  "category",
  "technicianId",
  "channel",
  "bucket",
  "by",
] as const;
export type ParamKey = (typeof PARAM_KEYS)[number];
export type Params = Partial<Record<ParamKey, string>>;

/** This month so far, in the calendar's zone. */
function defaultRange(): { from: string; to: string } {
  const today = zonedDateKey(new Date());
  return { from: `${today.slice(0, 8)}01`, to: today };
}

/** The filters as the URL holds them (defaults filled in), and a setter that rewrites the URL. */
export function useReportParams(): [Params & { from: string; to: string }, (next: Params) => void] {
  const [search, setSearch] = useSearchParams();
  const read: Params = {};
  for (const key of PARAM_KEYS) {
    const v = search.get(key);
    if (v) read[key] = v;
  }
  const params = { ...defaultRange(), ...read };
  const change = useCallback(
    (next: Params) => {
      const q = new URLSearchParams();
      for (const key of PARAM_KEYS) {
        const value = next[key];
        if (value) q.set(key, value);
      }
      setSearch(q, { replace: true });
    },
    [setSearch],
  );
  return [params, change];
}

/** Only the keys a report accepts (the server refuses unknown filters). */
export function paramsFor(name: string, p: Params): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of PARAM_KEYS) {
    if (key === "bucket" && name !== "sla") continue;
    if (key === "by" && name !== "workload") continue;
    const value = p[key];
    if (value) out[key] = value;
  }
  return out;
}
