import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import { loadState } from "./loadState";

const query = (over: { isPending?: boolean; error?: unknown; data?: unknown }) => ({
  isPending: over.isPending ?? false,
  isError: over.error !== undefined,
  error: over.error ?? null,
  data: over.data,
  refetch: () => undefined,
});

const notFound = new ApiError(404, "not_found", "El ticket no existe.");

describe("loadState: what a screen shows for its query", () => {
  it("a record that is not there (404) is gone: asking again cannot bring it", () => {
    expect(loadState(query({ error: notFound }))).toBe("gone");
  });

  it.each([
    ["the network", new ApiError(0, "network_error", "Sin conexión con el servidor.")],
    ["a server error", new ApiError(503, "database_unavailable", "Base de datos no disponible")],
    ["a refusal that is not a 404", new ApiError(403, "forbidden", "No permitido")],
  ])("a failure from %s is failed, with a retry", (_, error) => {
    expect(loadState(query({ error }))).toBe("failed");
  });

  it("a failed refresh keeps what was loaded, even a 404", () => {
    expect(loadState(query({ error: notFound, data: { id: "t1" } }))).toBe("stale");
  });

  it("loading, then ready", () => {
    expect(loadState(query({ isPending: true }))).toBe("loading");
    expect(loadState(query({ data: { id: "t1" } }))).toBe("ready");
  });
});
