/** Helpers for test/build-start.test.ts and bench/startup.ts: copies of the built tree and server processes. */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** `npm run build` in the repository (a no-op when `dist` is already the build of these sources). */
export function buildRepo(): void {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, stdio: "inherit" });
}

const LEAVE_OUT = new Set(["node_modules", ".git", "data", "coverage", "dist", ".builds"]);
const LEAVE_OUT_PATHS = new Set(["web/dist", "e2e/screenshots", "bench/results"]);

/**
 * A copy of the built tree as a deployment would have it: sources, `dist` (a relative symlink)
 * and only the build it points at; `node_modules` is for the caller to provide.
 */
export function copyBuiltTree(prefix: string): string {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const name of fs.readdirSync(ROOT)) {
    if (LEAVE_OUT.has(name) || name.startsWith(".dist-")) continue;
    fs.cpSync(path.join(ROOT, name), path.join(dest, name), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => !LEAVE_OUT_PATHS.has(path.relative(ROOT, src)),
    });
  }
  const link = fs.readlinkSync(path.join(ROOT, "dist"));
  fs.cpSync(path.join(ROOT, link), path.join(dest, link), {
    recursive: true,
    filter: (src) => path.basename(src) !== ".serving",
  });
  fs.symlinkSync(link, path.join(dest, "dist"));
  return dest;
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exit: Promise<number | null>;
}

/** Starts `node <args>` in `cwd` and resolves once it logs "Mesa escuchando en <url>". */
export function startProcess(
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 240_000,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no arrancó a tiempo:\n${out}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const found = /Mesa escuchando en (http:\/\/[^\s"]+)/.exec(out);
      if (found) {
        clearTimeout(timer);
        resolve({ child, url: found[1]!, output: () => out, exit });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`terminó con código ${code} antes de escuchar:\n${out}`));
    });
  });
}

/** The hashed JavaScript files an index.html loads. */
export function scriptsOf(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
}
