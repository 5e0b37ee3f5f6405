import { buildApp } from "./app.js";

const app = await buildApp();
const shutdown = async (signal: string) => {
  app.log.info({ signal }, "cerrando Mesa");
  await app.close();
  process.exit(0);
};
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
await app.listen({ port: app.ctx.config.port, host: app.ctx.config.host });
