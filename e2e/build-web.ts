import { execSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * A production build of web/dist. Under Vitest NODE_ENV is "test", which Vite honours (React's
 * development build, tens of KB more), so it is forced: the specs test, and bench/web.ts measures,
 * what ships.
 */
export function buildWeb(): void {
  execSync("npm run build:web --silent", {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
}
