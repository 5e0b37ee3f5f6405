import type { z } from "zod";
import { BillingSettings } from "../../../contract/billing.js";
import type { Actor, AppContext } from "../../context.js";
import { storeSetting } from "../settings/settings.js";
import { readSetting, type SettingSpec, settingRecord } from "../settings/stored-settings.js";
import { requireBillingAdmin } from "./policy.js";

export type BillingSettingsValue = z.output<typeof BillingSettings>;

/** IVA 16 % unless an admin says otherwise. */
export const BILLING_SETTING: SettingSpec<BillingSettingsValue> = {
  key: "billing",
  schema: BillingSettings,
  defaults: { taxBasisPoints: 1600 },
};

export const billingSettings = (ctx: AppContext) => readSetting(ctx, BILLING_SETTING);

export async function billingSettingsRecord(ctx: AppContext) {
  const r = await settingRecord(ctx, BILLING_SETTING);
  return { ...r.value, version: r.version };
}

export async function saveBillingSettings(
  ctx: AppContext,
  actor: Actor,
  body: BillingSettingsValue & { version?: number | undefined },
) {
  requireBillingAdmin(actor);
  const { version, ...value } = body;
  return storeSetting(ctx, actor, BILLING_SETTING, value, version);
}
