/** Helpers of the report summary tests: every row of the summary tables, kept or rebuilt. */
import type { Kysely } from "kysely";
import { summaryRepo } from "../../src/server/modules/reports/repository-summary.js";
import type { DB } from "../../src/server/platform/database/schema.js";

/** Every non-zero row of the summary tables, days and months (kept by the ledger, or rebuilt). */
export const allSummaries = async (db: Kysely<DB>) => ({
  daily: await summaryRepo.allRows(db),
  minutes: await summaryRepo.allMinuteRows(db),
});
