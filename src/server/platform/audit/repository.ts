import type { Kysely } from "kysely";
import type { DB } from "../database/schema.js";

/** Append-only: rows are inserted, never updated or deleted. */
export const auditRepo = {
  record: (
    db: Kysely<DB>,
    entry: {
      entity: string;
      entityId: string;
      at: string;
      actorId: string | null;
      action: string;
      changes?: unknown;
    },
  ) =>
    db
      .insertInto("audit_log")
      .values({
        entity: entry.entity,
        entity_id: entry.entityId,
        at: entry.at,
        actor_id: entry.actorId,
        action: entry.action,
        changes: entry.changes === undefined ? null : JSON.stringify(entry.changes),
      })
      .execute(),
  list: (db: Kysely<DB>, entity: string, entityId: string) =>
    db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", entity)
      .where("entity_id", "=", entityId)
      .orderBy("id")
      .execute(),
};
