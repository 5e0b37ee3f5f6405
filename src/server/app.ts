import fastifyCookie from "@fastify/cookie";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import { validatorCompiler } from "fastify-type-provider-zod";
import type { AppContext, Clock } from "./context.js";
import { accountRoutes } from "./modules/auth/account-routes.js";
import { authRoutes } from "./modules/auth/routes.js";
import { backgroundRoutes } from "./modules/background/routes.js";
import { backupRoutes } from "./modules/backup/routes.js";
import { billingRoutes } from "./modules/billing/routes.js";
import { clientRoutes } from "./modules/clients/routes.js";
import { contractRoutes } from "./modules/contracts/routes.js";
import { creditRoutes } from "./modules/credit/routes.js";
import { installMail } from "./modules/mail/index.js";
import type { SmtpListener } from "./modules/mail/listener.js";
import { notificationRoutes } from "./modules/notifications/routes.js";
import { portalPlugin } from "./modules/portal/routes.js";
import { portalStaffRoutes } from "./modules/portal/survey-link.js";
import { reportRoutes } from "./modules/reports/routes.js";
import { requestSummaryRebuild } from "./modules/reports/summary-rebuild.js";
import { serviceOrderRoutes } from "./modules/service-orders/index.js";
import { companyRoutes } from "./modules/settings/company-routes.js";
import { settingsRoutes } from "./modules/settings/routes.js";
import { staffNotificationRoutes } from "./modules/staff-notifications/index.js";
import { surveyRoutes } from "./modules/surveys/routes.js";
import { ticketDeskRoutes } from "./modules/tickets/desk-routes.js";
import { ticketRoutes } from "./modules/tickets/routes.js";
import { timerRoutes } from "./modules/tickets/timer-routes.js";
import { userRoutes } from "./modules/users/routes.js";
import { bootstrapAdmin } from "./modules/users/users.js";
import { warrantyRoutes } from "./modules/warranty/routes.js";
import { type Config, loadConfig } from "./platform/config.js";
import { type Database, openDatabase } from "./platform/database/database.js";
import { assertMigrated, migrateToLatest } from "./platform/database/migrate.js";
import { installAuth } from "./platform/http/auth-hook.js";
import { installErrorHandler, installNotFound } from "./platform/http/error-handler.js";
import { serializerCompiler } from "./platform/http/fast-serializer.js";
import { installIdempotency } from "./platform/http/idempotency.js";
import { installInputGuard } from "./platform/http/input-guard.js";
import { openapiDocOptions } from "./platform/http/openapi.js";
import { installRateLimit, trustProxyOption } from "./platform/http/rate-limit.js";
import { requestLogLine } from "./platform/http/request-log.js";
import { healthRoutes } from "./platform/http/routes-health.js";
import { installSecurityHeaders, securityHeaders } from "./platform/http/security-headers.js";
import { installStaffOnly } from "./platform/http/staff-only.js";
import { installTransport, serveWeb } from "./platform/http/transport.js";
import { clientErrorAnswer, unroutableAnswer } from "./platform/http/unroutable.js";
import { JOBS } from "./platform/jobs/definitions.js";
import { startScheduler } from "./platform/jobs/runner.js";
import { holdDataDir } from "./platform/ops/data-lock.js";
import { startTaskWorker } from "./platform/tasks/worker.js";

export interface BuildOptions {
  config?: Partial<Config>;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  logger?: boolean;
  /** Where the log goes instead of stdout (a test reading what was logged). */
  logStream?: { write(line: string): void };
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
  // Never blocks the start: a rebuild (a calendar change, a new migration) runs as a background task.
  await requestSummaryRebuild(ctx);

  const headers = await securityHeaders(config);
  const app = Fastify({
    frameworkErrors: unroutableAnswer(headers),
    clientErrorHandler: clientErrorAnswer(headers),
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            serializers: { req: requestLogLine },
            ...(opts.logStream ? { stream: opts.logStream } : {}),
          },
    bodyLimit: 1024 * 1024,
    trustProxy: trustProxyOption(config.trustProxy),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app, database);
  installInputGuard(app);
  installSecurityHeaders(app, headers);
  await installTransport(app);
  await app.register(fastifyCookie);
  await app.register(
    fastifySwagger,
    openapiDocOptions({
      info: { title: "Mesa API", description: "Mesa de servicio — API HTTP", version: "0.1.0" },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          cookie: { type: "apiKey", in: "cookie", name: "mesa_session" },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    }),
  );
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });
  installAuth(app, ctx);
  installIdempotency(app, ctx);
  await installRateLimit(app, config);

  app.get("/api/openapi.json", { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  // Each feature's routes are an encapsulated plugin (its hooks stay its own) registered under `/api`,
  // with one child plugin per URL root it serves (platform/http/route-groups.ts): route files state
  // paths relative to their root. test/architecture/route-table.test.ts pins every resulting URL.
  await app.register(async (scope) => healthRoutes(scope, database));
  // The staff API: one parent plugin whose own hook keeps client contacts to the routes they use
  // (platform/http/staff-only.ts). The client portal and the service-order links register beside it,
  // each with its own authentication.
  let smtp: SmtpListener | null = null;
  await app.register(async (staffApi) => {
    installStaffOnly(staffApi);
    for (const routes of [
      authRoutes,
      accountRoutes,
      userRoutes,
      clientRoutes,
      contractRoutes,
      ticketRoutes,
      ticketDeskRoutes,
      timerRoutes,
      surveyRoutes,
      notificationRoutes,
      settingsRoutes,
      companyRoutes,
      backgroundRoutes,
      backupRoutes,
      portalStaffRoutes,
      billingRoutes,
      creditRoutes,
      warrantyRoutes,
    ]) {
      await staffApi.register(routes, { prefix: "/api", ctx });
    }
    await staffApi.register(staffNotificationRoutes, {
      prefix: "/api/account/notification-preferences",
      ctx,
    });
    await staffApi.register(reportRoutes(ctx), { prefix: "/api/reports" });
    smtp = await installMail(staffApi, ctx);
  });
  await app.register(portalPlugin, { prefix: "/api/portal", ctx });
  await app.register(serviceOrderRoutes, { prefix: "/api/service-orders", ctx });
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
