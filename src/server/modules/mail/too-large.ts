import type { OutboxKind } from "../../../contract/mail.js";
import type { AppContext } from "../../context.js";
import { errorText } from "../../platform/jobs/runner.js";
import type { OutboxRow, SentInstead } from "./repository.js";
import type { Rendered } from "./templates.js";

/** A mail kind's text without its files (a rendered template), for a server that refused its size. */
type SmallerVersion = (ctx: AppContext, row: OutboxRow) => Promise<Rendered | null>;
const smallerVersions = new Map<OutboxKind, SmallerVersion>();

/**
 * How a kind of mail goes without its files when the server refuses it for its size (a limit under
 * the 7 MB Mesa attaches): the composer (notify.ts) registers it for its kind.
 */
export function sendSmallerWhenTooLarge(kind: OutboxKind, version: SmallerVersion): void {
  smallerVersions.set(kind, version);
}

/**
 * Refused for its size once the message was sent (DATA): 552 (RFC 5321, storage exceeded), or the
 * enhanced codes 5.3.4 / 5.2.3 (RFC 3463); never 5.2.2, a full mailbox, which a smaller mail won't fix.
 */
function refusedForSize(err: unknown): boolean {
  const e = err as { responseCode?: number; response?: string; command?: string };
  const reply = String(e.response ?? "");
  if (e.command !== "DATA" || /\b5\.2\.2\b/.test(reply)) return false;
  return Number(e.responseCode) === 552 || /\b5\.(3\.4|2\.3)\b/.test(reply);
}

/**
 * The row's version without files after `err`, when the server refused it for its size and its kind
 * has one; null otherwise, or when it cannot be made (the row then fails with the server's refusal).
 */
export async function smallerVersionAfter(
  ctx: AppContext,
  row: OutboxRow,
  err: unknown,
): Promise<SentInstead | null> {
  const version = row.attachments && refusedForSize(err) ? smallerVersions.get(row.kind) : undefined;
  if (!version) return null;
  try {
    const smaller = await version(ctx, row);
    if (!smaller) return null;
    ctx.log?.warn(
      { outboxId: row.id, err: errorText(err) },
      "mail refused for its size; sent again without its files",
    );
    return { subject: smaller.subject, text_body: smaller.text, html_body: smaller.html, attachments: null };
  } catch (failure) {
    ctx.log?.warn(
      { outboxId: row.id, err: errorText(failure) },
      "the mail without its files could not be made",
    );
    return null;
  }
}
