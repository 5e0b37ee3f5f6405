import { type InputMessageKey, inputEs } from "./es.js";

export type InputParams = Record<string, string | number>;

export function isInputMessageKey(code: string): code is InputMessageKey {
  return Object.hasOwn(inputEs, code);
}

const scalar = (v: unknown): v is string | number => typeof v === "string" || typeof v === "number";

/**
 * The arguments of an issue's message: a refinement's own `params`, and a bound check's limit as
 * `{min}`/`{max}` (so `.max(200, "input.max_chars")` needs no second copy of 200). Any zod issue, or the
 * `params` a server's validation detail carries, is read for those fields only.
 */
export function issueParams(issue: object): InputParams {
  const field = new Map<string, unknown>(Object.entries(issue));
  const out: InputParams = {};
  const own = field.get("params");
  if (own && typeof own === "object") {
    for (const [k, v] of Object.entries(own)) if (scalar(v)) out[k] = v;
  }
  const min = field.get("minimum");
  const max = field.get("maximum");
  if (typeof min === "number" || typeof min === "bigint") out.min = Number(min);
  if (typeof max === "number" || typeof max === "bigint") out.max = Number(max);
  return out;
}
