/** `/api/reports/*`: the dashboard and each report as JSON and as CSV (an encapsulated plugin). */
import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { z } from "zod";
import {
  Dashboard,
  HourBankReport,
  REPORT_NAMES,
  type ReportName,
  ReportQueries,
  ResolutionReport,
  ResponseReport,
  SatisfactionReport,
  SlaReport,
  UnbilledReport,
  WorkloadReport,
} from "../../../contract/reports.js";
import { type Actor, type AppContext, forRequest } from "../../context.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { businessCalendar } from "../settings/settings.js";
import { dashboard } from "./dashboard.js";
import { reportCsv, reportXlsx } from "./export.js";
import { resolutionReport, responseReport, slaReport, workloadReport } from "./service.js";
import { hourBankReport, satisfactionReport, unbilledReport } from "./service-billing.js";

// biome-ignore lint/suspicious/noExplicitAny: the query is the output of this report's own schema (ReportQueries[name])
type Run = (ctx: AppContext, actor: Actor, query: any) => Promise<unknown>;

/** A report to export, with the business calendar's zone its days and times are written in. */
async function exported(ctx: AppContext, actor: Actor, run: Run, query: unknown) {
  const [report, cal] = await Promise.all([run(ctx, actor, query), businessCalendar(ctx)]);
  return { report, zone: cal.config.timeZone };
}

/** OpenAPI: how exact the medians read from the summary's histograms are (domain/reports/minutes.ts). */
const BUCKETS = {
  description:
    "Mediana y p90 por rango más cercano, de los histogramas del resumen: el valor es el promedio de los tickets de la cubeta donde cae ese rango — exacto cuando todos tardaron lo mismo y siempre dentro de la cubeta: al minuto hasta 1 h, a 15 min hasta 24 h, a la hora hasta 160 h y a 8 h después. Los conteos por tramo (≤ 30, 60, 120, 240, 480 min) son exactos. Con filtros de más de una dimensión (además de tipo y urgencia) o mientras el resumen se reconstruye, se calculan exactos de los tickets.",
};

const REPORTS: Record<ReportName, { run: Run; response: z.ZodType; summary: string; description?: string }> =
  {
    sla: {
      run: slaReport,
      response: SlaReport,
      summary: "Cumplimiento del tiempo de respuesta por tipo y urgencia",
    },
    response: {
      run: responseReport,
      response: ResponseReport,
      summary: "Tiempo de respuesta: mediana y p90, hábil y reloj",
      description: BUCKETS.description,
    },
    resolution: {
      run: resolutionReport,
      response: ResolutionReport,
      summary: "Atención y cierre contra el estimado de la categoría",
      description: `${BUCKETS.description} Los tickets dentro del estimado son conteos exactos: si el estimado de alguna categoría no es borde de cubeta, o hay filtro por cliente, técnico o canal, el reporte se calcula de los tickets.`,
    },
    workload: {
      run: workloadReport,
      response: WorkloadReport,
      summary: "Tickets y horas por técnico, categoría, cliente o modalidad",
    },
    "hour-bank": {
      run: hourBankReport,
      response: HourBankReport,
      summary: "Bolsa de horas por póliza y mes",
    },
    satisfaction: {
      run: satisfactionReport,
      response: SatisfactionReport,
      summary: "Encuestas por técnico y cliente",
    },
    unbilled: {
      run: unbilledReport,
      response: UnbilledReport,
      summary: "Trabajo por facturar y cargos sin factura",
    },
  };

const fileName = (name: string, q: unknown, ext: string) => {
  const { from, to } = q as { from: string; to: string };
  return `attachment; filename="${name}_${from}_${to}.${ext}"`;
};
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function reportRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get("/dashboard", {
      schema: { tags: ["reports"], summary: "Tablero del líder", response: { 200: Dashboard } },
      handler: async (req) => dashboard(forRequest(ctx, req), actorOf(req)),
    });
    for (const name of REPORT_NAMES) {
      const { run, response, summary, description } = REPORTS[name];
      const querystring = ReportQueries[name];
      const doc = description ? { description } : {};
      r.get(`/${name}`, {
        schema: { tags: ["reports"], summary, ...doc, querystring, response: { 200: response } },
        handler: async (req) => run(forRequest(ctx, req), actorOf(req), req.query),
      });
      r.get(`/${name}.csv`, {
        schema: {
          tags: ["reports"],
          summary: `${summary} (CSV, UTF-8 con BOM)`,
          querystring,
          produces: ["text/csv"],
        },
        handler: async (req, reply) => {
          const { report, zone } = await exported(forRequest(ctx, req), actorOf(req), run, req.query);
          const csv = reportCsv(name, report, zone);
          return reply
            .type("text/csv; charset=utf-8")
            .header("content-disposition", fileName(name, req.query, "csv"))
            .send(csv);
        },
      });
      r.get(`/${name}.xlsx`, {
        schema: { tags: ["reports"], summary: `${summary} (XLSX)`, querystring, produces: [XLSX] },
        handler: async (req, reply) => {
          const { report, zone } = await exported(forRequest(ctx, req), actorOf(req), run, req.query);
          const xlsx = await reportXlsx(name, report, zone);
          return reply
            .type(XLSX)
            .header("content-disposition", fileName(name, req.query, "xlsx"))
            .send(xlsx);
        },
      });
    }
  };
}
