/**
 * Drafts of unsent forms in the browser's storage, one entry per user, form and ticket, so typed work
 * survives a reload, Back or an expired session. Pure (the storage is passed in) so it is unit-tested.
 */

/** The part of the Web Storage API used here (localStorage in the app, a Map-backed fake in tests). */
export interface DraftStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface StoredDraft<T> {
  savedAt: number;
  values: T;
}

const PREFIX = "mesa.draft.";
/** A week: older drafts are dropped (the work is stale and the storage is not an archive). */
export const DRAFT_MAX_AGE_MS = 7 * 24 * 3600_000;

/**
 * `mesa.draft.<user>/<form>[/<ticket>]`, each part encoded (so a "/" in an id cannot forge another
 * user's key): another user's drafts are never read.
 */
export function draftKey(userId: string, formKey: string, ticketId?: string): string {
  const parts = [userId, formKey, ticketId].filter((p): p is string => !!p).map(encodeURIComponent);
  return PREFIX + parts.join("/");
}

function parse<T>(raw: string | null): StoredDraft<T> | null {
  if (!raw) return null;
  try {
    const draft = JSON.parse(raw) as Partial<StoredDraft<T>>;
    if (typeof draft.savedAt !== "number" || draft.values === undefined) return null;
    return { savedAt: draft.savedAt, values: draft.values };
  } catch {
    return null;
  }
}

const expired = (draft: StoredDraft<unknown>, now: number) => now - draft.savedAt > DRAFT_MAX_AGE_MS;

/** The draft under `key`; an expired or unreadable one is removed and reads as none. */
export function readDraft<T>(storage: DraftStorage, key: string, now = Date.now()): StoredDraft<T> | null {
  const draft = parse<T>(storage.getItem(key));
  if (!draft || expired(draft, now)) {
    storage.removeItem(key);
    return null;
  }
  return draft;
}

/** Saves; a full or unavailable storage only loses the draft, never the form. */
export function writeDraft<T>(storage: DraftStorage, key: string, values: T, now = Date.now()): void {
  try {
    storage.setItem(key, JSON.stringify({ savedAt: now, values } satisfies StoredDraft<T>));
  } catch {
    // Quota exceeded or storage disabled: the form keeps working without a draft.
  }
}

export function removeDraft(storage: DraftStorage, key: string): void {
  storage.removeItem(key);
}

/** Drops every user's drafts older than the maximum age (or unreadable); returns how many. */
export function pruneDrafts(storage: DraftStorage, now = Date.now()): number {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  let dropped = 0;
  for (const key of keys) {
    const draft = parse<unknown>(storage.getItem(key));
    if (!draft || expired(draft, now)) {
      storage.removeItem(key);
      dropped++;
    }
  }
  return dropped;
}

/** The browser's localStorage, or null where it is unavailable (private modes, blocked cookies). */
export function browserStorage(): DraftStorage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}
