import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { Alive, Ready } from "../../../contract/health.js";
import type { Database } from "../database/database.js";
import { readiness } from "./readiness.js";

/** Liveness and readiness for load balancers and orchestrators: public, no session needed. */
export function healthRoutes(app: FastifyInstance, database: Database): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/api/health", {
    config: { public: true },
    schema: {
      tags: ["health"],
      summary: "El proceso está vivo (no consulta la base de datos)",
      security: [],
      response: { 200: Alive },
    },
    handler: async () => ({ ok: true as const }),
  });

  let wasReady = true;
  r.get("/api/ready", {
    config: { public: true },
    schema: {
      tags: ["health"],
      summary: "Listo para atender: base de datos, migraciones y almacenamiento",
      security: [],
      response: { 200: Ready, 503: Ready },
    },
    handler: async (req, reply) => {
      const { readiness: state, details } = await readiness(database);
      const failing = (Object.keys(state.checks) as (keyof typeof state.checks)[]).filter(
        (name) => !state.checks[name].ok,
      );
      // Probes come every few seconds: log when the answer changes, not on every probe.
      if (state.ready !== wasReady) {
        if (state.ready) req.log.info("listo de nuevo: base de datos, migraciones y almacenamiento en orden");
        else
          req.log.warn({ failing, details, where: database.where }, `no listo: falla ${failing.join(", ")}`);
        wasReady = state.ready;
      }
      return reply.status(state.ready ? 200 : 503).send({ ...state, failing });
    },
  });
}
