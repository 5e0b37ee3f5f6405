import fs from "node:fs";
import path from "node:path";
import type { BackupList, BackupSettingsBody, BackupSettingsRecord } from "../../../contract/backup.js";
import type { Actor, AppContext } from "../../context.js";
import { invalid } from "../../platform/errors.js";
import type { MessageParams, ServerMessageKey } from "../../platform/i18n/index.js";
import {
  BACKUP_SETTING,
  backupDir,
  backupSettings,
  DEFAULT_BACKUP_SETTINGS,
  listBackups,
} from "../../platform/ops/nightly-backup.js";
import { makeDir } from "../../platform/ops/sqlite-backup.js";
import { settingsRepo } from "../settings/repository.js";
import { storeSetting } from "../settings/settings.js";
import { assertMayManageBackups } from "./policy.js";

/** Backups hold every record: only admins see or change where they go. */
export async function getBackupSettings(ctx: AppContext, actor: Actor): Promise<BackupSettingsRecord> {
  assertMayManageBackups(actor);
  const { version } = await settingsRepo.record(ctx.db, "backup");
  return { ...(await backupSettings(ctx)), version };
}

export async function saveBackupSettings(
  ctx: AppContext,
  actor: Actor,
  input: BackupSettingsBody,
): Promise<BackupSettingsRecord> {
  assertMayManageBackups(actor);
  const { version, ...settings } = input;
  const value = { ...settings, dir: settings.dir ? path.resolve(settings.dir) : null };
  // Better to hear now that the folder is unusable than to find no backup the morning after.
  if (value.dir) ensureAllowed(ctx, value.dir);
  if (value.dir) ensureWritable(value.dir);
  const saved = await storeSetting(ctx, actor, BACKUP_SETTING, value, version);
  return { ...DEFAULT_BACKUP_SETTINGS, ...saved };
}

/** A refused backup folder: the issue names the field; the HTTP edge words it for the reader. */
function dirRefused(text: ServerMessageKey, params: MessageParams) {
  return invalid(text, params, [{ path: ["dir"], message: text, params }]);
}

/** An admin session must not turn backups into a way to write files anywhere (/etc, other apps). */
function ensureAllowed(ctx: AppContext, dir: string): void {
  const roots = [ctx.config.dataDir, ...ctx.config.backupDirs];
  if (roots.some((root) => dir === root || dir.startsWith(root.endsWith(path.sep) ? root : root + path.sep)))
    return;
  throw dirRefused("backup.dir_outside", { roots: roots.join(", ") });
}

function ensureWritable(dir: string): void {
  try {
    makeDir(dir);
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (err) {
    throw dirRefused("backup.dir_unwritable", {
      dir,
      reason: (err as NodeJS.ErrnoException).code ?? "error",
    });
  }
}

export async function backupList(ctx: AppContext, actor: Actor): Promise<BackupList> {
  assertMayManageBackups(actor);
  const dir = backupDir(ctx, await backupSettings(ctx));
  return { database: ctx.dialect, dir, items: ctx.dialect === "sqlite" ? listBackups(dir) : [] };
}
