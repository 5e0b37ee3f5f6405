import type { AddressInfo } from "node:net";
import { buildApp, type MesaApp } from "./app.js";
import { hasUsers } from "./modules/users/users.js";
import { buildRoot, builtWebDir, listenUrl, markServing } from "./runtime.js";

const root = buildRoot();
const webDist = process.env.MESA_WEB_DIST ? null : builtWebDir(root);
// Marked before the web root is resolved, so a concurrent build's clean-up cannot remove it meanwhile.
const unmark = markServing(root);
/** Bad configuration, pending migrations, an unreachable database, a busy port: one clear line. */
function fail(err: unknown): never {
  console.error(err instanceof Error ? err.message : err);
  unmark();
  process.exit(1);
}
let app: MesaApp;
try {
  app = await buildApp(webDist ? { config: { webDist } } : {});
} catch (err) {
  fail(err);
}

let closing = false;
/** First signal: stop accepting, let requests and the running job finish, close the database. */
function shutdown(signal: NodeJS.Signals): void {
  if (closing) {
    app.log.warn({ signal }, "Segunda señal: Mesa termina de inmediato");
    unmark();
    process.exit(1);
  }
  closing = true;
  app.log.info({ signal }, "Cerrando Mesa: terminando las solicitudes en curso");
  // A keep-alive connection whose last request just finished would hold the close for seconds.
  setInterval(() => app.server.closeIdleConnections(), 100).unref();
  app.close().then(
    () => {
      unmark();
      process.exit(0);
    },
    (err) => {
      app.log.error({ err }, "Error al cerrar Mesa");
      unmark();
      process.exit(1);
    },
  );
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);

await app.listen({ port: app.ctx.config.port, host: app.ctx.config.host }).catch(fail);
const url = listenUrl(app.server.address() as AddressInfo);
app.log.info(`Mesa escuchando en ${url}`);
if (app.adminCreated) {
  app.log.info(`Primer administrador creado: ${app.ctx.config.adminEmail}`);
} else if (!(await hasUsers(app.ctx))) {
  app.log.info(
    `Configuración pendiente: abre ${url} para crear el primer administrador ` +
      "(o usa MESA_ADMIN_EMAIL y MESA_ADMIN_PASSWORD, o `npm run create-admin`).",
  );
}
