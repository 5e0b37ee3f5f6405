import { WarrantySettings } from "../../../contract/warranty.js";
import type { Actor, AppContext } from "../../context.js";
import { storeSetting } from "../settings/settings.js";
import { readSetting, type SettingSpec, settingRecord } from "../settings/stored-settings.js";
import { warrantyPolicy } from "./policy.js";

/** MXN 500.00 per handled warranty case on an event ticket until an admin sets the firm's fee. */
export const DEFAULT_WARRANTY_EXECUTION_FEE_CENTS = 50_000;

export const WARRANTY_SETTING: SettingSpec<WarrantySettings> = {
  key: "warranty",
  schema: WarrantySettings,
  defaults: { warrantyExecutionFeeCents: DEFAULT_WARRANTY_EXECUTION_FEE_CENTS },
};

/** The fee an event invoice adds when `handledWarrantyCase` finds a case (billing module). */
export async function warrantyExecutionFeeCents(ctx: AppContext): Promise<number> {
  return (await readSetting(ctx, WARRANTY_SETTING)).warrantyExecutionFeeCents;
}

export async function warrantySettingsRecord(ctx: AppContext) {
  const r = await settingRecord(ctx, WARRANTY_SETTING);
  return { ...r.value, version: r.version };
}

export async function saveWarrantySettings(
  ctx: AppContext,
  actor: Actor,
  body: WarrantySettings & { version?: number | undefined },
) {
  warrantyPolicy.editSettings(actor);
  const { version, ...value } = body;
  return storeSetting(ctx, actor, WARRANTY_SETTING, value, version);
}
