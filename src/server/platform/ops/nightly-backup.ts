import fs from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { type BackupFile, BackupSettings } from "../../../contract/backup.js";
import type { AppContext } from "../../context.js";
import { calendarConfig } from "../../modules/settings/settings.js";
import { readSetting, type SettingSpec } from "../../modules/settings/stored-settings.js";
import { backupSqlite, dbPath } from "./sqlite-backup.js";

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = {
  enabled: true,
  hour: 3,
  retentionDays: 14,
  keep: 14,
  dir: null,
};

const DAY_MS = 24 * 3600_000;
// The instant is in the name (UTC), so age and "already done today" never depend on file times.
const NAME = /^mesa-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.sqlite$/;

/** Stored whole by the settings page; a row naming only some fields (older versions) keeps defaults for the rest. */
export const BACKUP_SETTING: SettingSpec<Partial<BackupSettings>> = {
  key: "backup",
  schema: BackupSettings.partial(),
  defaults: {},
};

export async function backupSettings(ctx: AppContext): Promise<BackupSettings> {
  return { ...DEFAULT_BACKUP_SETTINGS, ...(await readSetting(ctx, BACKUP_SETTING)) };
}

export const backupDir = (ctx: AppContext, s: BackupSettings): string =>
  s.dir ?? path.join(ctx.config.dataDir, "backups");

export function backupName(at: Date): string {
  return `mesa-${at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "")}.sqlite`;
}

/** The nightly backups in `dir` (only files named by this job), newest first. */
export function listBackups(dir: string): BackupFile[] {
  if (!fs.existsSync(dir)) return [];
  const items: BackupFile[] = [];
  for (const name of fs.readdirSync(dir)) {
    const m = NAME.exec(name);
    if (!m) continue;
    const stat = fs.statSync(path.join(dir, name), { throwIfNoEntry: false });
    if (!stat?.isFile()) continue;
    const createdAt = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z`;
    items.push({ name, size: stat.size, createdAt });
  }
  return items.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Deletes nightly backups beyond `keep` or older than `retentionDays`; the newest always stays. */
export function pruneBackups(dir: string, now: Date, s: Pick<BackupSettings, "keep" | "retentionDays">) {
  const oldest = now.getTime() - s.retentionDays * DAY_MS;
  const removed: string[] = [];
  listBackups(dir).forEach((b, i) => {
    if (i === 0 || (i < s.keep && Date.parse(b.createdAt) >= oldest)) return;
    fs.rmSync(path.join(dir, b.name), { force: true });
    removed.push(b.name);
  });
  return removed;
}

/**
 * The scheduled job: during the configured local hour (calendar zone), one backup per local day,
 * then pruning. PostgreSQL installs back up with pg_dump (see README), so the job does nothing there.
 */
export async function nightlyBackup(ctx: AppContext, now: Date): Promise<string | null> {
  if (ctx.dialect !== "sqlite") return null;
  const s = await backupSettings(ctx);
  if (!s.enabled) return null;
  const { timeZone } = await calendarConfig(ctx);
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (local.hour !== s.hour) return null;
  const dir = backupDir(ctx, s);
  const today = local.toISODate();
  const done = listBackups(dir).some(
    (b) => DateTime.fromISO(b.createdAt, { zone: timeZone }).toISODate() === today,
  );
  if (done) return null;
  const name = backupName(now);
  await backupSqlite(dbPath(ctx.config.dataDir), path.join(dir, name));
  pruneBackups(dir, now, s);
  return name;
}
