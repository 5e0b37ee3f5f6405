import { z } from "zod";
import { BaseVersion } from "./common.js";

/** Nightly backup settings (SQLite installs); stored as the `backup` settings row. */
export const BackupSettings = z.strictObject({
  enabled: z.boolean(),
  /** Local hour (0–23) in the calendar's time zone. */
  hour: z.number().int("input.hour_of_day").min(0, "input.hour_of_day").max(23, "input.hour_of_day"),
  /** Backups older than this many days are deleted (the newest is always kept). */
  retentionDays: z.number().int("input.days_integer").min(1, "input.days_min").max(3650, "input.days_max"),
  /** At most this many nightly backups are kept. */
  keep: z.number().int("input.copies_integer").min(1).max(1000),
  /** Absolute folder for the nightly backups; null means `<MESA_DATA_DIR>/backups`. */
  dir: z
    .string()
    .trim()
    .max(500)
    .regex(/^(\/|[A-Za-z]:[\\/])[^\0]*$/, "input.folder_path")
    .nullable(),
});
export type BackupSettings = z.infer<typeof BackupSettings>;
/** A save names the version it was based on (`version` or If-Match); a stale one is a 409 `conflict`. */
export const BackupSettingsBody = BackupSettings.extend({ version: BaseVersion });
export type BackupSettingsBody = z.infer<typeof BackupSettingsBody>;
export const BackupSettingsRecord = BackupSettings.extend({ version: z.number() });
export type BackupSettingsRecord = z.infer<typeof BackupSettingsRecord>;

export const BackupFile = z.object({ name: z.string(), size: z.number(), createdAt: z.string() });
export type BackupFile = z.infer<typeof BackupFile>;

export const BackupList = z.object({
  database: z.enum(["sqlite", "postgres"]),
  dir: z.string(),
  items: z.array(BackupFile),
});
export type BackupList = z.infer<typeof BackupList>;
