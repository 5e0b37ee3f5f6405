/**
 * The shared API contract (zod schemas and types) of src/contract: one source of truth for web and server.
 * Only screens with forms import it at run time, so zod stays out of the initial bundle; importing it
 * also sets zod's own messages to the UI locale.
 */
import "./zod-jitless";
import { z } from "zod";
import zodEn from "zod/v4/locales/en.js";
import zodEs from "zod/v4/locales/es.js";
import { onLocaleChange } from "./i18n";

export * from "../../src/contract/auth";
export * from "../../src/contract/backup";
export * from "../../src/contract/billing";
export * from "../../src/contract/clients";
export * from "../../src/contract/common";
export * from "../../src/contract/credit";
export * from "../../src/contract/notifications";
export * from "../../src/contract/reports";
export * from "../../src/contract/service-orders";
export * from "../../src/contract/settings";
export * from "../../src/contract/staff";
export * from "../../src/contract/surveys";
export * from "../../src/contract/tasks";
export * from "../../src/contract/tickets";
export { STATUS_LABELS_ES } from "../../src/domain/workflow";

onLocaleChange((locale) => z.config(locale === "en" ? zodEn() : zodEs()));
