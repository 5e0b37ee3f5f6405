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
import { installIdempotency } from "./http/idempotency.js";
import { installInputGuard } from "./http/input-guard.js";
import { installRateLimit, trustProxyOption } from "./http/rate-limit.js";
import { accountRoutes } from "./http/routes-account.js";
import { authRoutes } from "./http/routes-auth.js";
import { backgroundRoutes } from "./http/routes-background.js";
import { backupRoutes } from "./http/routes-backup.js";
import { clientRoutes } from "./http/routes-clients.js";
import { deskRoutes } from "./http/routes-desk.js";
import { healthRoutes } from "./http/routes-health.js";
import { settingsRoutes } from "./http/routes-settings.js";
import { staffRoutes } from "./http/routes-staff.js";
import { ticketRoutes } from "./http/routes-tickets.js";
import { installSecurityHeaders } from "./http/security-headers.js";
import { installTransport, serveWeb } from "./http/transport.js";
import { JOBS } from "./jobs/definitions.js";
import { startScheduler } from "./jobs/runner.js";
import { installMail } from "./mail/index.js";
import type { SmtpListener } from "./mail/listener.js";
import { billingRoutes } from "./modules/billing/routes.js";
import { holdDataDir } from "./ops/data-lock.js";
import { bootstrapAdmin } from "./services/users.js";
import { startTaskWorker } from "./tasks/worker.js";

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
  smtp: SmtpListener | null;
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
    trustProxy: trustProxyOption(config.trustProxy),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app, database);
  installInputGuard(app);
  await installSecurityHeaders(app, config);
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
  installIdempotency(app, ctx);
  await installRateLimit(app, config);

  app.get("/api/openapi.json", { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  healthRoutes(app, database);
  authRoutes(app, ctx);
  accountRoutes(app, ctx);
  clientRoutes(app, ctx);
  ticketRoutes(app, ctx);
  settingsRoutes(app, ctx);
  deskRoutes(app, ctx);
  backgroundRoutes(app, ctx);
  staffRoutes(app, ctx);
  backupRoutes(app, ctx);
  await app.register(billingRoutes(ctx), { prefix: "/api" });
  const smtp = await installMail(app, ctx);
  installNotFound(app, await serveWeb(app, config.webDist));

  ctx.log = app.log;
  const stopJobs = config.jobsEnabled ? startScheduler(ctx, JOBS, app.log) : async () => {};
  const stopTasks = config.jobsEnabled ? startTaskWorker(ctx, app.log) : async () => {};
  // `npm run restore` refuses to replace the SQLite file while this marker says a server uses it.
  const releaseDataDir = database.dialect === "sqlite" ? holdDataDir(config.dataDir) : () => {};
  // Runs after in-flight requests have finished: the running job and tasks end, then the database closes.
  app.addHook("onClose", async () => {
    await stopJobs();
    await stopTasks();
    await database.close();
    releaseDataDir();
  });
  return Object.assign(app, { ctx, database, adminCreated, smtp }) as MesaApp;
}
