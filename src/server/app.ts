import fastifyCookie from "@fastify/cookie";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { type Config, loadConfig } from "./config.js";
import type { AppContext, Clock } from "./context.js";
import { type Database, openDatabase } from "./db/database.js";
import { assertMigrated, migrateToLatest } from "./db/migrate.js";
import { installAuth } from "./http/auth-hook.js";
import { installErrorHandler, installNotFound } from "./http/error-handler.js";
import { installInputGuard } from "./http/input-guard.js";
import { authRoutes } from "./http/routes-auth.js";
import { clientRoutes } from "./http/routes-clients.js";
import { deskRoutes } from "./http/routes-desk.js";
import { settingsRoutes } from "./http/routes-settings.js";
import { ticketRoutes } from "./http/routes-tickets.js";
import { installTransport, serveWeb } from "./http/transport.js";
import { JOBS } from "./jobs/definitions.js";
import { startScheduler } from "./jobs/runner.js";
import { bootstrapAdmin } from "./services/users.js";

export interface BuildOptions {
  config?: Partial<Config>;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  logger?: boolean;
}

export type MesaApp = FastifyInstance & {
  ctx: AppContext;
  database: Database;
  /** This start created the first admin from MESA_ADMIN_EMAIL/MESA_ADMIN_PASSWORD. */
  adminCreated: boolean;
};

/** Builds the whole server (used by main and by tests): database migrated, routes registered, not listening. */
export async function buildApp(opts: BuildOptions = {}): Promise<MesaApp> {
  const config = loadConfig(opts.env ?? process.env, opts.config);
  const database = openDatabase(config);
  try {
    await (config.migrateOnStart ? migrateToLatest(database) : assertMigrated(database));
  } catch (err) {
    await database.close();
    throw err;
  }
  const ctx: AppContext = {
    db: database.db,
    dialect: database.dialect,
    config,
    clock: opts.clock ?? (() => new Date()),
  };
  const adminCreated = await bootstrapAdmin(ctx);

  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel },
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installInputGuard(app);
  await installTransport(app);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: "Mesa API", description: "Mesa de servicio — API HTTP", version: "0.1.0" },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          cookie: { type: "apiKey", in: "cookie", name: "mesa_session" },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });
  installAuth(app, ctx);

  app.get("/api/openapi.json", { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  app.get("/api/health", { config: { public: true }, schema: { hide: true } }, async () => ({ ok: true }));
  authRoutes(app, ctx);
  clientRoutes(app, ctx);
  ticketRoutes(app, ctx);
  settingsRoutes(app, ctx);
  deskRoutes(app, ctx);
  installNotFound(app, await serveWeb(app, config.webDist));

  const stopJobs = config.jobsEnabled ? startScheduler(ctx, JOBS, app.log) : async () => {};
  // Runs after in-flight requests have finished: the running job ends, then the database closes.
  app.addHook("onClose", async () => {
    await stopJobs();
    await database.close();
  });
  return Object.assign(app, { ctx, database, adminCreated }) as MesaApp;
}
