/** English: loaded only when a user picks it (same keys as es-MX; each part is typed against its Spanish twin). */

import { inputEn } from "../../../src/contract/i18n/en";
import { account } from "./en/account";
import { admin } from "./en/admin";
import { background } from "./en/background";
import { billing } from "./en/billing";
import { core } from "./en/core";
import { creditWarranty } from "./en/credit-warranty";
import { desk } from "./en/desk";
import { mail } from "./en/mail";
import { orders } from "./en/orders";
import { reports } from "./en/reports";
import { staff } from "./en/staff";
import { work } from "./en/work";
import type { MessageKey } from "./es-MX";

export const en: Record<MessageKey, string> = {
  ...core,
  ...work,
  ...desk,
  ...account,
  ...admin,
  ...background,
  ...staff,
  ...mail,
  ...billing,
  ...orders,
  ...reports,
  ...creditWarranty,
  ...inputEn,
};
