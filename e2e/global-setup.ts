import { execSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Vitest globalSetup for the e2e project: builds web/dist once before the browser specs. */
export default function setup(): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  execSync("npm run build:web --silent", { cwd: root, stdio: "inherit" });
}
