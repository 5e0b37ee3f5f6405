/** Spanish (Mexico): the default catalogue, always in the initial bundle. Every key must exist in en/. */
import { inputEs } from "../../../src/contract/i18n/es";
import { account } from "./es/account";
import { admin } from "./es/admin";
import { background } from "./es/background";
import { billing } from "./es/billing";
import { core } from "./es/core";
import { creditWarranty } from "./es/credit-warranty";
import { desk } from "./es/desk";
import { mail } from "./es/mail";
import { orders } from "./es/orders";
import { reports } from "./es/reports";
import { staff } from "./es/staff";
import { work } from "./es/work";

export const esMX = {
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
  // The contract's input messages (zod schemas shared with the server).
  ...inputEs,
} as const;

export type MessageKey = keyof typeof esMX;
