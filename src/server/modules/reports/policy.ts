/** Who may read which report: leaders, seniors and admins all; a technician their own workload only. */
import type { ReportFilters, ReportName } from "../../../contract/reports.js";
import type { Actor } from "../../context.js";
import { hasRole } from "../../platform/authz.js";
import { AppError, forbidden } from "../../platform/errors.js";

export const canReadReports = (actor: Actor) => hasRole(actor, "admin", "leader", "senior");

/** The filters the caller may run the report with (a technician's workload is pinned to them). */
export function allowedFilters<F extends ReportFilters>(actor: Actor, name: ReportName, filters: F): F {
  if (canReadReports(actor)) return filters;
  if (name !== "workload" || !hasRole(actor, "technician")) throw forbidden();
  if (filters.technicianId && filters.technicianId !== actor.id) {
    throw new AppError(
      "forbidden",
      "report.own_workload_only",
      {},
      {
        field: "technicianId",
      },
    );
  }
  return { ...filters, technicianId: actor.id };
}

export function requireDashboard(actor: Actor): void {
  if (!canReadReports(actor)) throw forbidden();
}
