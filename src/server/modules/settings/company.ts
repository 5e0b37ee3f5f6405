import type { z } from "zod";
import {
  type CompanyLogoBody,
  type CompanySettings,
  CompanySettingsBody,
  LOGO_MAX_BYTES,
} from "../../../contract/staff.js";
import type { Actor, AppContext } from "../../context.js";
import { auditRepo } from "../../platform/audit/repository.js";
import { filesRepo } from "../../platform/database/staff-repository.js";
import { AppError, notFound } from "../../platform/errors.js";
import { staleEdit } from "../../platform/http/versions.js";
import { drawableImage, imageKind } from "../../platform/pdf/image-check.js";
import { assertMayEditCompany, assertMayReadCompany } from "./policy.js";
import { storeSetting } from "./settings.js";
import { type SettingSpec, settingRecord } from "./stored-settings.js";

const LOGO_KEY = "company-logo";

/** Stored under the settings key "company" (the setup page writes name and supportEmail there first). */
const StoredCompany = CompanySettingsBody.partial();
type StoredCompany = z.output<typeof StoredCompany>;
export const COMPANY_SETTING: SettingSpec<StoredCompany> = {
  key: "company",
  schema: StoredCompany,
  defaults: {},
};

export async function getCompany(ctx: AppContext, actor: Actor): Promise<CompanySettings> {
  assertMayReadCompany(actor);
  const record = await settingRecord(ctx, COMPANY_SETTING);
  const c = record.value;
  const logo = await filesRepo.meta(ctx.db, LOGO_KEY);
  return {
    name: c.name ?? "",
    rfc: c.rfc ?? null,
    address: c.address ?? null,
    supportEmail: c.supportEmail ?? null,
    supportPhone: c.supportPhone ?? null,
    openingHoursText: c.openingHoursText ?? null,
    logo: logo ? { contentType: logo.content_type, size: logo.size, updatedAt: logo.updated_at } : null,
    version: record.version,
  };
}

export async function saveCompany(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof CompanySettingsBody>,
): Promise<CompanySettings> {
  assertMayEditCompany(actor);
  const { version, ...sent } = input;
  const stored = await settingRecord(ctx, COMPANY_SETTING);
  // A merge over what is stored: a field not sent keeps its value (two people editing different fields
  // both keep their change). The write is guarded by the version merged over, so a save in between is a 409.
  const value: StoredCompany = { ...stored.value, ...cleaned(sent) };
  try {
    await storeSetting(ctx, actor, COMPANY_SETTING, value, version ?? stored.version);
  } catch (err) {
    // The current settings as GET shows them (every field, the logo), for the web's compare dialog.
    if (err instanceof AppError && err.code === "conflict") {
      throw staleEdit("settings", await getCompany(ctx, actor));
    }
    throw err;
  }
  return getCompany(ctx, actor);
}

/** The fields sent, with blank optional texts stored as null. */
function cleaned(sent: Omit<z.output<typeof CompanySettingsBody>, "version">): StoredCompany {
  const blank = (v: string | null) => (v?.trim() ? v.trim() : null);
  const out: StoredCompany = {};
  if (sent.name !== undefined) out.name = sent.name;
  if (sent.rfc !== undefined) out.rfc = sent.rfc;
  if (sent.supportEmail !== undefined) out.supportEmail = sent.supportEmail;
  if (sent.address !== undefined) out.address = blank(sent.address);
  if (sent.supportPhone !== undefined) out.supportPhone = blank(sent.supportPhone);
  if (sent.openingHoursText !== undefined) out.openingHoursText = blank(sent.openingHoursText);
  return out;
}

export async function saveLogo(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof CompanyLogoBody>,
): Promise<CompanySettings> {
  assertMayEditCompany(actor);
  const data = Buffer.from(input.dataBase64, "base64");
  if (data.length > LOGO_MAX_BYTES)
    throw new AppError("payload_too_large", "company.logo_too_large", {}, { field: "dataBase64" });
  if (imageKind(data) !== input.contentType)
    throw new AppError(
      "validation_failed",
      "company.logo_not_image",
      {},
      {
        field: "dataBase64",
      },
    );
  // A damaged image (a cut upload) would stop every PDF and the mail of each attended ticket.
  if (!drawableImage(data))
    throw new AppError("validation_failed", "company.logo_damaged", {}, { field: "dataBase64" });
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await filesRepo.put(trx, {
      key: LOGO_KEY,
      content_type: input.contentType,
      size: data.length,
      data: data.toString("base64"),
      updated_at: now,
      updated_by: actor.id,
    });
    await auditRepo.record(trx, {
      entity: "settings",
      entityId: LOGO_KEY,
      at: now,
      actorId: actor.id,
      action: "update",
      changes: { contentType: input.contentType, size: data.length },
    });
  });
  return getCompany(ctx, actor);
}

export async function deleteLogo(ctx: AppContext, actor: Actor): Promise<CompanySettings> {
  assertMayEditCompany(actor);
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await filesRepo.delete(trx, LOGO_KEY);
    await auditRepo.record(trx, {
      entity: "settings",
      entityId: LOGO_KEY,
      at: now,
      actorId: actor.id,
      action: "delete",
    });
  });
  return getCompany(ctx, actor);
}

export async function readLogo(ctx: AppContext, actor: Actor) {
  assertMayReadCompany(actor);
  const row = await filesRepo.get(ctx.db, LOGO_KEY);
  if (!row) throw notFound("logo");
  return { contentType: row.content_type, data: Buffer.from(row.data, "base64"), updatedAt: row.updated_at };
}

let lastLogo: { key: string; logo: Buffer | null } | null = null;

/** The logo's bytes for documents the firm prints (service orders, invoices), or null when none is set. */
export async function companyLogo(ctx: AppContext): Promise<Buffer | null> {
  const row = await filesRepo.get(ctx.db, LOGO_KEY);
  if (!row) return null;
  // The same stored logo is decoded and checked once per process, not for every document.
  const key = row.data;
  if (lastLogo?.key !== key) {
    const logo = Buffer.from(row.data, "base64");
    // One stored before uploads were checked whole is left out of documents rather than stop them.
    lastLogo = { key, logo: drawableImage(logo) ? logo : null };
  }
  return lastLogo.logo;
}
