import fs from "node:fs";
import { pathToFileURL } from "node:url";

/**
 * Whether the module at `moduleUrl` is the script node was started with. `dist` is a symlink to the
 * current build: node loads the module by its real path while argv keeps the path as typed, so both
 * are resolved before comparing (`node dist/server/platform/ops/mail-catcher.js` used to exit silently).
 */
export function isEntryPoint(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return moduleUrl === pathToFileURL(fs.realpathSync(script)).href;
  } catch {
    return moduleUrl === pathToFileURL(script).href;
  }
}
