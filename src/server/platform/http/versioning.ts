import type { FastifyRequest } from "fastify";
import { invalid } from "../errors.js";

const IF_MATCH = /^(?:W\/)?"?(\d{1,9})"?$/;

/**
 * The version an edit is based on: `version` in the body, or the `If-Match` header (`3`, `"3"` or
 * `W/"3"`; `*` means any). Both may be given only if they agree. Undefined: apply to the current record.
 */
export function baseVersion(request: FastifyRequest, bodyVersion: number | undefined): number | undefined {
  const raw = request.headers["if-match"];
  if (raw === undefined || raw.trim() === "*") return bodyVersion;
  const m = IF_MATCH.exec(raw.trim());
  if (!m) {
    throw invalid("version.if_match_format", {}, [
      { path: ["headers", "if-match"], message: "input.version_number" },
    ]);
  }
  const version = Number(m[1]);
  if (bodyVersion !== undefined && bodyVersion !== version) {
    throw invalid("version.mismatch", {}, [{ path: ["body", "version"], message: "input.version_mismatch" }]);
  }
  return version;
}

/** The body with `version` resolved from the body or If-Match. */
export const withBaseVersion = <T extends { version?: number | undefined }>(
  request: FastifyRequest,
  body: T,
): T => ({
  ...body,
  version: baseVersion(request, body.version),
});
