/** The shared API contract (zod schemas and types) of src/contract: one source of truth for web and server. */
export * from "../../src/contract/auth";
export * from "../../src/contract/clients";
export * from "../../src/contract/common";
export * from "../../src/contract/settings";
export * from "../../src/contract/tickets";
export { STATUS_LABELS_ES } from "../../src/domain/workflow";
