import fs from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Facts about the compiled tree this code runs from (`.builds/<hash>/server/…`, see
 * scripts/build-lib.mjs). Null when running from sources (tsx, tests): nothing to mark there.
 */
export function buildRoot(): string | null {
  const root = fileURLToPath(new URL("..", import.meta.url));
  return fs.existsSync(path.join(root, "BUILD.json")) ? root : null;
}

/** The web app built next to this server: each server serves the web app of its own build. */
export function builtWebDir(root: string | null): string | null {
  if (!root) return null;
  const web = path.join(root, "web");
  return fs.existsSync(path.join(web, "index.html")) ? web : null;
}

/**
 * Marks the build as served by this process, so a later build's clean-up leaves it alone while
 * the process lives (a crashed server's mark is recognised by its dead pid). Returns the unmark.
 */
export function markServing(root: string | null): () => void {
  if (!root) return () => {};
  const mark = path.join(root, ".serving", `${hostname()}~${process.pid}`);
  try {
    fs.mkdirSync(path.dirname(mark), { recursive: true });
    fs.writeFileSync(mark, new Date().toISOString());
  } catch {
    return () => {}; // a read-only deployment: nothing prunes it either
  }
  return () => fs.rmSync(mark, { force: true });
}

/** `http://HOST:PORT` as a person would type it (IPv6 in brackets, a wildcard host as localhost). */
export function listenUrl(address: { address: string; port: number }): string {
  const host = address.address === "0.0.0.0" || address.address === "::" ? "localhost" : address.address;
  return `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
}
