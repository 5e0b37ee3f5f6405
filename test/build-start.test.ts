/**
 * The production path: a built tree installed with `npm ci --omit=dev` starts with plain Node (no
 * TypeScript, no build tools), serves compressed and correctly cached files, keeps serving its own
 * assets while another `npm start` rebuilds next to it, and finishes a request in flight on SIGTERM.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildRepo,
  copyBuiltTree,
  ROOT,
  type ServerProcess,
  scriptsOf,
  startProcess,
} from "./support/built-tree.js";

/** Compiled by the full `npm ci` for this Node (argon2's own prebuilt binary crashes on Debian's Node 20). */
const NATIVE = [
  "node_modules/better-sqlite3/build/Release/better_sqlite3.node",
  "node_modules/argon2/build/Release/argon2.node",
];
const dirs: string[] = [];
const servers: ServerProcess[] = [];
const tempDir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
async function start(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const server = await startProcess(cwd, args, { MESA_DATA_DIR: tempDir("mesa-bs-data-"), ...env });
  servers.push(server);
  return server;
}

beforeAll(() => buildRepo(), 600_000);
afterAll(() => {
  for (const s of servers) if (s.child.exitCode === null) s.child.kill("SIGKILL");
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** POST whose body arrives in two halves: the request is in flight between them. */
function slowLogin(url: string) {
  const body = JSON.stringify({ email: "nadie@example.com", password: "no-es-la-clave" });
  const req = http.request(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on("response", (res) => {
      let text = "";
      res.on("data", (c) => {
        text += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
  });
  req.write(body.slice(0, 10));
  return { finish: () => req.end(body.slice(10)), response };
}

describe("built tree with production dependencies only", () => {
  let tree: string;
  beforeAll(() => {
    tree = copyBuiltTree("mesa-bs-prod-");
    dirs.push(tree);
    // From npm's cache where it has the packages (the full `npm ci` filled it). Native builds are
    // skipped: the binaries that install compiled are reused instead of compiling for minutes again.
    execFileSync(
      "npm",
      ["ci", "--omit=dev", "--prefer-offline", "--ignore-scripts", "--no-audit", "--no-fund"],
      {
        cwd: tree,
        stdio: "pipe",
      },
    );
    for (const binary of NATIVE.filter((b) => fs.existsSync(path.join(ROOT, b)))) {
      fs.mkdirSync(path.dirname(path.join(tree, binary)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, binary), path.join(tree, binary));
    }
  }, 300_000);

  it("has no build tool, TypeScript runner or web library installed, and needs no build", () => {
    for (const dev of ["vite", "tsx", "typescript", "react", "@mantine/core", "vitest"]) {
      expect(fs.existsSync(path.join(tree, "node_modules", dev)), dev).toBe(false);
    }
    const out = execFileSync(process.execPath, ["scripts/build.mjs"], {
      cwd: tree,
      encoding: "utf8",
      stdio: "pipe",
    });
    expect(out).toBe("");
    // Sources edited on a production install: it cannot build, so it keeps the build it has.
    const entry = path.join(tree, "web/src/main.tsx");
    const source = fs.readFileSync(entry, "utf8");
    fs.appendFileSync(entry, "\n// editado\n");
    const stale = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: tree, encoding: "utf8" });
    fs.writeFileSync(entry, source);
    expect(stale.status).toBe(0);
    expect(stale.stderr).toContain("no hay herramientas para compilar; se usa esa");
  });

  it("finds the shipped mail templates from the compiled tree (they live outside the build folder)", () => {
    const script = [
      'const m = await import("./dist/server/modules/mail/templates.js");',
      'const r = m.render(process.argv[1], "autoreply", "es", { folio: "OS-2026-000001" });',
      "process.stdout.write(r.subject);",
    ].join("\n");
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script, tree], {
      cwd: tree,
      encoding: "utf8",
    });
    expect(out).toContain("OS-2026-000001");
  });

  it("serves health, the HTML entry uncached and hashed assets precompressed and immutable", async () => {
    const server = await start(tree, ["dist/server/main.js"]);
    expect(server.output()).toContain("Configuración pendiente");
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get("cache-control")).toBe("no-store");

    const index = await fetch(`${server.url}/`);
    expect(index.headers.get("content-type")).toContain("text/html");
    expect(index.headers.get("cache-control")).toBe("no-cache");
    // The largest script: small bundler helpers (under 1 KB) are rightly left uncompressed.
    const size = (file: string) => fs.statSync(path.join(tree, "dist/web", file)).size;
    const [script] = scriptsOf(await index.text()).sort((a, b) => size(b) - size(a));
    expect(script).toBeDefined();
    for (const encoding of ["br", "gzip"]) {
      // fetch would decode; a raw request shows what travels.
      const res = await rawGet(`${server.url}${script}`, { "accept-encoding": encoding });
      expect(res.headers["content-encoding"]).toBe(encoding);
      expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      const plain = fs.statSync(path.join(tree, "dist/web", script!)).size;
      expect(res.body.length).toBeLessThan(plain / 2);
    }
    const api = await rawGet(`${server.url}/api/openapi.json`, { "accept-encoding": "gzip" });
    expect(api.headers["content-encoding"]).toBe("gzip");
    expect(api.headers["cache-control"]).toBe("no-store");
  });

  it("on SIGTERM refuses new connections, completes the request in flight and exits 0", async () => {
    const server = await start(tree, ["dist/server/main.js"]);
    const login = slowLogin(server.url);
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
    login.finish();
    const res = await login.response;
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body).error.code).toBeTruthy();
    expect(await server.exit).toBe(0);
  });

  it("a second signal exits at once, without waiting for the request in flight", async () => {
    const server = await start(tree, ["dist/server/main.js"]);
    const login = slowLogin(server.url);
    login.response.catch(() => {}); // the connection dies with the process
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    expect(server.child.exitCode).toBeNull(); // still waiting for the unfinished request
    server.child.kill("SIGINT");
    expect(await server.exit).toBe(1);
    expect(server.output()).toContain("Segunda señal");
  });
});

describe("a second `npm start` rebuilding next to a running server", () => {
  it("never breaks the first server's index or assets, and serves its own build", async () => {
    const tree = copyBuiltTree("mesa-bs-rebuild-");
    dirs.push(tree);
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(tree, "node_modules"));
    const first = await start(tree, ["dist/server/main.js"]);
    const firstIndex = await (await fetch(`${first.url}/`)).text();
    const assets = scriptsOf(firstIndex);
    const original = new Map<string, string>();
    for (const a of assets) original.set(a, await (await fetch(`${first.url}${a}`)).text());

    // A real change to the web app: the entry chunk gets a new hash.
    fs.appendFileSync(path.join(tree, "web/src/main.tsx"), '\nconsole.info("otra versión");\n');
    let secondUp = false;
    const second = start(tree, ["scripts/start.mjs"]).finally(() => {
      secondUp = true;
    });
    let checks = 0;
    while (!secondUp) {
      expect(await (await fetch(`${first.url}/`)).text()).toBe(firstIndex);
      for (const a of assets) {
        const res = await rawGet(`${first.url}${a}`, { "accept-encoding": checks % 2 ? "br" : "identity" });
        expect(res.status, a).toBe(200);
        if (checks % 2 === 0) expect(res.body.toString(), a).toBe(original.get(a));
      }
      checks++;
      await new Promise((r) => setTimeout(r, 250));
    }
    const next = await second;
    const nextScripts = scriptsOf(await (await fetch(`${next.url}/`)).text());
    expect(nextScripts).not.toEqual(assets);
    for (const a of nextScripts) expect((await fetch(`${next.url}${a}`)).status).toBe(200);
    expect(checks).toBeGreaterThan(3);
    expect(await (await fetch(`${first.url}/`)).text()).toBe(firstIndex);
  }, 600_000);
});

function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      http
        .get(url, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        })
        .on("error", reject);
    },
  );
}
