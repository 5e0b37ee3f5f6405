import { expect } from "vitest";
import type { Res } from "./client.js";
import { snapshotDb } from "./db-snapshot.js";
import type { TestApp } from "./harness.js";

/** One bad request: what it is, and the status and stable error code it must get. */
export type BadCase = [name: string, status: number, code: string, run: () => Promise<Res>];

/**
 * Runs a request that must be refused: a 4xx (never 500) with the body `{error:{code,message,details}}`,
 * the expected code, and the database exactly as it was before.
 */
export async function expectRefusedWithoutTrace(t: TestApp, [, status, code, run]: BadCase): Promise<void> {
  const before = await snapshotDb(t.app);
  const res = await run();
  expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(status);
  expect(Object.keys(res.body)).toEqual(["error"]);
  expect(Object.keys(res.body.error).sort()).toEqual(["code", "details", "message"]);
  expect(res.body.error.code).toBe(code);
  expect(typeof res.body.error.message).toBe("string");
  expect(res.body.error.message.length).toBeGreaterThan(0);
  expect(await snapshotDb(t.app)).toEqual(before);
}

/** A raw request (any payload text and content type), with the answer parsed like Caller's. */
export async function rawRequest(
  t: TestApp,
  opts: {
    method: "POST" | "PATCH";
    url: string;
    token: string | null;
    payload: string;
    contentType?: string;
  },
): Promise<Res> {
  const headers: Record<string, string> = { "content-type": opts.contentType ?? "application/json" };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const r = await t.app.inject({ method: opts.method, url: opts.url, headers, payload: opts.payload });
  return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null, headers: r.headers };
}
