import type { AppContext } from "../../context.js";
import { lazy } from "../../platform/lazy-modules.js";
import type { TaskLog } from "../../platform/tasks/worker.js";
import { storeInbound } from "./inbound.js";

/** Set on every message Mesa has stored, with \Seen; nothing is ever deleted or moved from the mailbox. */
export const IMPORTED_KEYWORD = "$MesaImported";

export interface ImapTarget {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
}

/** `imaps://user:pass@host[:port]/INBOX` (imap:// uses STARTTLS when offered, port 143). */
export function parseImapUrl(url: string): ImapTarget {
  const u = new URL(url);
  const secure = u.protocol === "imaps:";
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(u.username),
    pass: decodeURIComponent(u.password),
    mailbox: decodeURIComponent(u.pathname.replace(/^\/+/, "")) || "INBOX",
  };
}

/**
 * One pass over the mailbox: every message without Mesa's keyword is stored raw (the inbound task
 * makes the ticket), then flagged. A crash between the two re-fetches it next pass, and its
 * Message-ID makes the second copy a no-op. Returns how many messages were new to Mesa.
 */
export async function pollImapOnce(ctx: AppContext, target: ImapTarget): Promise<number> {
  const { ImapFlow } = await lazy.imapflow();
  const client = new ImapFlow({
    host: target.host,
    port: target.port,
    secure: target.secure,
    auth: { user: target.user, pass: target.pass },
    logger: false,
  });
  await client.connect();
  let stored = 0;
  try {
    const lock = await client.getMailboxLock(target.mailbox);
    try {
      const uids = (await client.search({ unKeyword: IMPORTED_KEYWORD }, { uid: true })) || [];
      for (const uid of uids) {
        const msg = await client.fetchOne(String(uid), { source: true }, { uid: true });
        const source = msg ? msg.source : undefined;
        if (!source) continue;
        const got = await storeInbound(ctx, source, { source: "imap", envelopeFrom: null });
        if (!got.duplicate) stored++;
        await client.messageFlagsAdd(String(uid), ["\\Seen", IMPORTED_KEYWORD], { uid: true });
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return stored;
}

/** Polls every `everyMs` until stopped; a failed pass is logged and the next one tries again. */
export function startImapPolling(
  ctx: AppContext,
  url: string,
  log: TaskLog,
  everyMs = 60_000,
): () => Promise<void> {
  const target = parseImapUrl(url);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  const pass = async () => {
    try {
      await pollImapOnce(ctx, target);
    } catch (err) {
      log.error({ err, host: target.host }, "IMAP polling failed");
    }
    if (!stopped) timer = setTimeout(() => (inFlight = pass()), everyMs).unref();
  };
  timer = setTimeout(() => (inFlight = pass()), 1_000).unref();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await inFlight;
  };
}
