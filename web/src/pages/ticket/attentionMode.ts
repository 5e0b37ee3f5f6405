import type { AttentionMode } from "../../contract";
import type { DraftStorage } from "../../lib/draftStore";

const MODES: readonly AttentionMode[] = ["onsite", "office", "remote", "phone"];
const PREFIX = "mesa.attentionMode.";

/** Per user (another person on this browser keeps their own), the id encoded like a draft's key. */
const keyOf = (userId: string) => PREFIX + encodeURIComponent(userId);

/**
 * The attention mode the user chose last, for their next time entry: a technician on site all day
 * logs «Presencial» on every ticket, and the price depends on it. Remote when none (or unreadable).
 */
export function lastAttentionMode(
  storage: Pick<DraftStorage, "getItem"> | null,
  userId?: string,
): AttentionMode {
  const stored = userId && storage ? storage.getItem(keyOf(userId)) : null;
  return MODES.find((m) => m === stored) ?? "remote";
}

/** Remembers the mode chosen; a full or unavailable storage only forgets it. */
export function rememberAttentionMode(
  storage: Pick<DraftStorage, "setItem"> | null,
  userId: string | undefined,
  mode: AttentionMode,
): void {
  if (!userId || !storage) return;
  try {
    storage.setItem(keyOf(userId), mode);
  } catch {
    // Private mode or a full storage: the next entry starts at «Remota», as before.
  }
}
