import type { Kysely, Migration } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

const BATCH = 500;

/**
 * The Spanish sentences notifications were stored as until now (escalation.ts before codes),
 * frozen here on purpose: an old row that matches becomes its code and parameters.
 */
const PATTERNS: { code: string; re: RegExp }[] = [
  { code: "notification.sla_breached", re: /^(\S+) venció su tiempo de respuesta sin atención: ([\s\S]*)$/ },
  { code: "notification.sla_near", re: /^(\S+) está por vencer su tiempo de respuesta: ([\s\S]*)$/ },
];

/** Best effort: an unknown sentence is kept as `notification.legacy` with its text, shown as is. */
export function codeOfLegacyMessage(message: string): { code: string; params: Record<string, string> } {
  for (const { code, re } of PATTERNS) {
    const m = re.exec(message);
    if (m?.[1] !== undefined && m[2] !== undefined) return { code, params: { folio: m[1], title: m[2] } };
  }
  return { code: "notification.legacy", params: { text: message } };
}

/** Notifications are stored as a code and JSON parameters, rendered in the reader's language. */
async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("notifications").addColumn("code", "text").execute();
  await db.schema.alterTable("notifications").addColumn("params", "text").execute();
  let after = "";
  for (;;) {
    const rows = await db
      .selectFrom("notifications")
      .select(["id", "message"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(BATCH)
      .execute();
    const tail = rows.at(-1);
    if (!tail) return;
    for (const row of rows) {
      const { code, params } = codeOfLegacyMessage(String(row.message));
      await db
        .updateTable("notifications")
        .set({ code, params: JSON.stringify(params) })
        .where("id", "=", row.id)
        .execute();
    }
    after = String(tail.id);
  }
}

export const codedNotificationsMigration: Migration = { up };
