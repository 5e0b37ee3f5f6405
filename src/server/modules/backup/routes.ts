import { BackupList, BackupSettingsBody, BackupSettingsRecord } from "../../../contract/backup.js";
import type { AppContext } from "../../context.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { featureRoutes, type Routes } from "../../platform/http/route-groups.js";
import { withBaseVersion } from "../../platform/http/versioning.js";
import * as backups from "./backups.js";

/** The backup settings (`/api/settings/backup`) and the list of backups taken (`/api/backups`). */
export const backupRoutes = featureRoutes({ "/settings/backup": settingsGroup, "/backups": backupsGroup });

function settingsGroup(r: Routes, ctx: AppContext): void {
  r.get("", {
    schema: { tags: ["settings"], response: { 200: BackupSettingsRecord } },
    handler: async (req) => backups.getBackupSettings(ctx, actorOf(req)),
  });
  r.put("", {
    schema: { tags: ["settings"], body: BackupSettingsBody, response: { 200: BackupSettingsRecord } },
    handler: async (req) => backups.saveBackupSettings(ctx, actorOf(req), withBaseVersion(req, req.body)),
  });
}

function backupsGroup(r: Routes, ctx: AppContext): void {
  r.get("", {
    schema: { tags: ["settings"], response: { 200: BackupList } },
    handler: async (req) => backups.backupList(ctx, actorOf(req)),
  });
}
