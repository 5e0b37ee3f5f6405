import { describe, expect, it } from "vitest";
import {
  DRAFT_MAX_AGE_MS,
  type DraftStorage,
  draftKey,
  pruneDrafts,
  readDraft,
  removeDraft,
  writeDraft,
} from "../web/src/lib/draftStore";

/** An in-memory Web Storage (insertion-ordered like the browser's). */
function memoryStorage(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const NOW = Date.parse("2026-12-01T15:00:00Z");
const DAY = 24 * 3600_000;

describe("draft storage", () => {
  it("keys drafts by user, form and ticket, so one user never reads another's", () => {
    const storage = memoryStorage();
    writeDraft(storage, draftKey("u1", "intake"), { title: "Impresora" }, NOW);
    writeDraft(storage, draftKey("u1", "time-entry", "t1"), { activity: "A" }, NOW);
    expect(readDraft(storage, draftKey("u2", "intake"), NOW)).toBeNull();
    expect(readDraft(storage, draftKey("u1", "time-entry", "t2"), NOW)).toBeNull();
    expect(readDraft(storage, draftKey("u1", "intake"), NOW)?.values).toEqual({ title: "Impresora" });
    expect(readDraft(storage, draftKey("u1", "time-entry", "t1"), NOW)?.values).toEqual({ activity: "A" });
  });

  it("does not let an id with a separator pose as another user's key", () => {
    expect(draftKey("u1/intake", "x")).not.toBe(draftKey("u1", "intake/x"));
  });

  it("drops a draft older than seven days when it is read, keeps a younger one", () => {
    const storage = memoryStorage();
    const key = draftKey("u1", "intake");
    writeDraft(storage, key, { title: "viejo" }, NOW - DRAFT_MAX_AGE_MS - 1);
    expect(readDraft(storage, key, NOW)).toBeNull();
    expect(storage.map.has(key)).toBe(false);
    writeDraft(storage, key, { title: "reciente" }, NOW - 6 * DAY);
    expect(readDraft(storage, key, NOW)?.values).toEqual({ title: "reciente" });
  });

  it("prunes every user's stale or unreadable drafts and leaves other keys alone", () => {
    const storage = memoryStorage();
    writeDraft(storage, draftKey("u1", "intake"), { a: 1 }, NOW - 8 * DAY);
    writeDraft(storage, draftKey("u2", "intake"), { a: 2 }, NOW - 1 * DAY);
    storage.setItem(draftKey("u3", "intake"), "{not json");
    storage.setItem("mesa.locale", "en");
    expect(pruneDrafts(storage, NOW)).toBe(2);
    expect([...storage.map.keys()].sort()).toEqual([draftKey("u2", "intake"), "mesa.locale"].sort());
  });

  it("forgets a draft on removal and survives a full storage", () => {
    const storage = memoryStorage();
    const key = draftKey("u1", "message", "t1");
    writeDraft(storage, key, { body: "hola" }, NOW);
    removeDraft(storage, key);
    expect(readDraft(storage, key, NOW)).toBeNull();
    const full: DraftStorage = {
      ...storage,
      length: 0,
      setItem: () => {
        throw new DOMException("quota", "QuotaExceededError");
      },
    };
    expect(() => writeDraft(full, key, { body: "x" }, NOW)).not.toThrow();
  });
});
