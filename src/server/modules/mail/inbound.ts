import { createHash } from "node:crypto";
import { z } from "zod";
import type { InboundSource } from "../../../contract/mail.js";
import type { AppContext } from "../../context.js";
import { newId } from "../../platform/ids.js";
import { enqueue } from "../../platform/tasks/queue.js";
import { defineTask } from "../../platform/tasks/registry.js";
import { bareAddress, headerSafe, messageIds, rawHeaders } from "./headers.js";
import { processInbound } from "./process.js";
import { mailRepo } from "./repository.js";

declare module "../../platform/tasks/registry.js" {
  interface TaskPayloads {
    "mail.inbound": { inboundId: string };
  }
}

export interface Received {
  id: string;
  /** True when this Message-ID had already been received: nothing new was stored. */
  duplicate: boolean;
}

/**
 * Keeps a received mail raw, before anything is read from it, with the task that will process it.
 * A mail without a Message-ID gets one from its bytes, so the same bytes retried are still one mail.
 */
export async function storeInbound(
  ctx: AppContext,
  raw: Buffer,
  meta: { source: InboundSource; envelopeFrom: string | null },
): Promise<Received> {
  const headers = rawHeaders(raw);
  const given = messageIds(headers.get("message-id"))[0];
  const messageId = given ?? `<${createHash("sha256").update(raw).digest("hex")}@sin-message-id.mesa>`;
  const id = newId();
  const stored = await ctx.db.transaction().execute(async (trx) => {
    const created = await mailRepo.storeInbound(trx, {
      id,
      message_id: headerSafe(messageId).slice(0, 500),
      source: meta.source,
      envelope_from: bareAddress(meta.envelopeFrom),
      from_addr: bareAddress(headers.get("from")),
      raw,
      size: raw.length,
      status: "received",
      reason: null,
      ticket_id: null,
      message_ref: null,
      received_at: ctx.clock().toISOString(),
      processed_at: null,
    });
    if (created) await enqueue(trx, { kind: "mail.inbound", payload: { inboundId: id } }, ctx.clock());
    return created;
  });
  return { id, duplicate: !stored };
}

defineTask({
  kind: "mail.inbound",
  payload: z.object({ inboundId: z.string() }),
  handler: (payload, { ctx }) => processInbound(ctx, payload.inboundId),
});
