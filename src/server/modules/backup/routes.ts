import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { BackupList, BackupSettingsBody, BackupSettingsRecord } from "../../../contract/backup.js";
import type { AppContext } from "../../context.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { withBaseVersion } from "../../platform/http/versioning.js";
import * as backups from "./backups.js";

export function backupRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/api/settings/backup", {
    schema: { tags: ["settings"], response: { 200: BackupSettingsRecord } },
    handler: async (req) => backups.getBackupSettings(ctx, actorOf(req)),
  });
  r.put("/api/settings/backup", {
    schema: { tags: ["settings"], body: BackupSettingsBody, response: { 200: BackupSettingsRecord } },
    handler: async (req) => backups.saveBackupSettings(ctx, actorOf(req), withBaseVersion(req, req.body)),
  });
  r.get("/api/backups", {
    schema: { tags: ["settings"], response: { 200: BackupList } },
    handler: async (req) => backups.backupList(ctx, actorOf(req)),
  });
}
