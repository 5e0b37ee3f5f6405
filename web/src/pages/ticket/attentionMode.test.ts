import { describe, expect, it } from "vitest";
import { lastAttentionMode, rememberAttentionMode } from "./attentionMode";

const memory = () => {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => map.set(k, v) };
};

describe("the attention mode a technician chose last", () => {
  it("is the next entry's, per user; remote until one is chosen", () => {
    const storage = memory();
    expect(lastAttentionMode(storage, "tomas")).toBe("remote");
    rememberAttentionMode(storage, "tomas", "onsite");
    expect(lastAttentionMode(storage, "tomas")).toBe("onsite");
    expect(lastAttentionMode(storage, "teresa")).toBe("remote");
  });

  it("reads as remote when unknown, signed out or without storage", () => {
    const storage = memory();
    storage.setItem("mesa.attentionMode.tomas", "teleport");
    expect(lastAttentionMode(storage, "tomas")).toBe("remote");
    rememberAttentionMode(storage, undefined, "onsite");
    expect(lastAttentionMode(storage, undefined)).toBe("remote");
    expect(lastAttentionMode(null, "tomas")).toBe("remote");
  });
});
