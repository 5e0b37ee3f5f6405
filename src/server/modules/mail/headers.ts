import { randomUUID } from "node:crypto";
import { oneLine } from "../../../domain/text.js";

/**
 * A header value with no line breaks: a CR/LF in a ticket title must never start a new header; a
 * subject becomes a ticket's title, one line (oneLine), so tabs go too.
 */
export const headerSafe = (value: string): string =>
  oneLine(value)
    .replace(/\s{2,}/g, " ")
    .trim();

/** The bare, lower-case address out of `Name <a@b>` or `a@b`; null when there is none. */
export function bareAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(value);
  const plain = angle?.[1] ?? /[^\s<>"',;:]+@[^\s<>"',;:]+/.exec(value)?.[0];
  return plain ? headerSafe(plain).toLowerCase() : null;
}

/** The domain part of an address, for Message-IDs. */
export const domainOf = (address: string): string => bareAddress(address)?.split("@")[1] ?? "mesa.local";

/** A new Message-ID, fixed when the mail is queued so a repeated send is recognisable. */
export const newMessageId = (from: string): string => `<${randomUUID()}@${domainOf(from)}>`;

/** Message-IDs (`<…>`) in a header such as References or In-Reply-To. */
export function messageIds(value: string | string[] | null | undefined): string[] {
  if (!value) return [];
  const text = Array.isArray(value) ? value.join(" ") : value;
  return [...text.matchAll(/<[^<>\s]+>/g)].map((m) => m[0]).slice(0, 100);
}

/** `[OS-2026-000042]` or a bare folio in a subject. */
export function folioIn(subject: string | null | undefined): string | null {
  const m = /\bOS-(\d{4})-(\d{6})\b/i.exec(subject ?? "");
  return m ? `OS-${m[1]}-${m[2]}` : null;
}

export interface LoopSignals {
  autoSubmitted?: string | undefined;
  precedence?: string | undefined;
  listId?: string | undefined;
  from: string | null;
}

const ROBOT_SENDER = /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?)([+.-][^@]*)?@/i;

/**
 * Why an auto-reply must not be sent to this mail (RFC 3834 §2 and the usual list and robot
 * markers), or null when answering is fine.
 */
export function autoReplyRefusal(sig: LoopSignals, ownAddresses: string[]): string | null {
  const auto = sig.autoSubmitted?.trim().toLowerCase();
  if (auto && auto !== "no") return `Auto-Submitted: ${auto}`;
  const precedence = sig.precedence?.trim().toLowerCase();
  if (precedence && ["bulk", "junk", "list"].includes(precedence)) return `Precedence: ${precedence}`;
  if (sig.listId) return "List-Id";
  if (!sig.from) return "sin remitente";
  if (ROBOT_SENDER.test(sig.from)) return `remitente automático ${sig.from}`;
  if (ownAddresses.includes(sig.from)) return "dirección propia de Mesa";
  return null;
}

/** The header block of a raw message, unfolded, as name (lower-case) → first value. */
export function rawHeaders(raw: Buffer): Map<string, string> {
  const text = raw.subarray(0, 256 * 1024).toString("latin1");
  const end = text.search(/\r?\n\r?\n/);
  const block = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, " ");
  const out = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const m = /^([!-9;-~]+):\s*(.*)$/.exec(line);
    const name = m?.[1]?.toLowerCase();
    if (name !== undefined && !out.has(name)) out.set(name, (m?.[2] ?? "").trim());
  }
  return out;
}
