/**
 * `npx tsx bench/mail.ts`: mail throughput on SQLite, printed as the README's table.
 * Inbound: 10 concurrent SMTP senders deliver 20 KB mails to Mesa's listener; counted from the first
 * delivery until every mail is a stored ticket (listener, raw store, parse task, ticket, auto-reply queued).
 * Outbound: mails queued in the outbox are drained by the task worker to a local SMTP sink.
 */
import nodemailer from "nodemailer";
import type { MesaApp } from "../src/server/app.js";
import { queueMail } from "../src/server/modules/mail/outbox.js";
import { runDueTasks } from "../src/server/platform/tasks/worker.js";
import { createClientWithContact, seedStaff } from "../test/fixtures.js";
import { startApp } from "../test/harness.js";
import { Sink } from "../test/mail-support.js";

const SENDERS = 10;
const PER_SENDER = Number(process.env.MAIL_BENCH_PER_SENDER ?? 50);
const OUTBOUND = Number(process.env.MAIL_BENCH_OUTBOUND ?? 1000);
const BODY = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(360).slice(0, 20_000);

/** Keeps the task queue drained, like the worker does, until stopped. */
function drainLoop(app: MesaApp): () => Promise<void> {
  let stop = false;
  const loop = (async () => {
    while (!stop) {
      const pass = await runDueTasks(app.ctx, { batchSize: 50 });
      if (pass.claimed === 0) await new Promise((r) => setTimeout(r, 5));
    }
  })();
  return async () => {
    stop = true;
    await loop;
  };
}

async function inbound() {
  const t = await startApp("sqlite", {
    env: { MESA_SMTP_LISTEN: "127.0.0.1:0", MESA_SUPPORT_ADDRESS: "soporte@encor.mx" },
  });
  const staff = await seedStaff(t.app);
  for (let s = 0; s < SENDERS; s++) {
    await createClientWithContact(staff, `Cliente ${s}`, `CLI0501${10 + s}AB1`, `s${s}@bench.mx`);
  }
  const stop = drainLoop(t.app);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async (_, s) => {
      const tr = nodemailer.createTransport({
        host: "127.0.0.1",
        port: t.app.smtp!.port,
        ignoreTLS: true,
        pool: true,
        maxConnections: 1,
      });
      for (let i = 0; i < PER_SENDER; i++) {
        await tr.sendMail({
          from: `s${s}@bench.mx`,
          to: "soporte@encor.mx",
          subject: `Falla ${s}-${i}`,
          text: BODY,
        });
      }
      tr.close();
    }),
  );
  const total = SENDERS * PER_SENDER;
  const count = async () =>
    Number(
      (
        await t.app.ctx.db
          .selectFrom("tickets")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("channel", "=", "email")
          .executeTakeFirstOrThrow()
      ).n,
    );
  while ((await count()) < total && performance.now() - start < 120_000)
    await new Promise((r) => setTimeout(r, 20));
  const seconds = (performance.now() - start) / 1000;
  const stored = await count();
  await stop();
  await t.close();
  return { total, stored, lost: total - stored, perSecond: stored / seconds, seconds };
}

async function outbound() {
  const sink = new Sink();
  await sink.start();
  const t = await startApp("sqlite", { env: { MESA_SMTP_URL: `smtp://127.0.0.1:${sink.port}` } });
  const ctx = t.app.ctx;
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < OUTBOUND; i++) {
      await queueMail(ctx, trx, {
        kind: "message",
        ticketId: null,
        to: `c${i}@bench.mx`,
        subject: `Aviso ${i}`,
        text: BODY.slice(0, 2000),
        html: `<p>${BODY.slice(0, 2000)}</p>`,
      });
    }
  });
  const start = performance.now();
  const stop = drainLoop(t.app);
  while (sink.received.length < OUTBOUND && performance.now() - start < 120_000)
    await new Promise((r) => setTimeout(r, 10));
  const seconds = (performance.now() - start) / 1000;
  await stop();
  const unique = new Set(sink.received.map((r) => r.mail.messageId)).size;
  await t.close();
  await sink.stop();
  return {
    total: OUTBOUND,
    delivered: sink.received.length,
    unique,
    perSecond: sink.received.length / seconds,
    seconds,
  };
}

const inb = await inbound();
const out = await outbound();
process.stdout.write(
  `${[
    "| Correo (SQLite) | Mensajes | Resultado | Por segundo | Tiempo |",
    "|---|---:|---|---:|---:|",
    `| Entrante: SMTP → ticket guardado, 10 remitentes, 20 KB | ${inb.total} | ${inb.stored} tickets, ${inb.lost} perdidos | ${inb.perSecond.toFixed(0)} | ${inb.seconds.toFixed(1)} s |`,
    `| Saliente: bandeja de salida → servidor SMTP local | ${out.total} | ${out.delivered} entregados (${out.unique} distintos) | ${out.perSecond.toFixed(0)} | ${out.seconds.toFixed(1)} s |`,
  ].join("\n")}\n`,
);
process.exit(0);
