/**
 * Mesa as an operating system process (the same `src/server/main.ts` that `npm start` runs), for tests
 * that kill it, starve its disk or cut its database connections, and talk to it over real HTTP.
 */
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { ADMIN } from "../client.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far (JSON log lines). */
  output(): string;
  alive(): boolean;
  exited: Promise<number | null>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts the server and resolves once /api/health answers; `fileSizeKb` caps every file it writes (ulimit -f). */
export async function startServer(
  env: Record<string, string>,
  opts: { fileSizeKb?: number } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const fullEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: "",
    MESA_WEB_DIST: "/nonexistent",
    MESA_ADMIN_EMAIL: ADMIN.email,
    MESA_ADMIN_PASSWORD: ADMIN.password,
    MESA_LOGIN_ATTEMPTS: "1000",
    MESA_LOGIN_IP_ATTEMPTS: "1000",
    MESA_LOGIN_CONCURRENCY_PER_IP: "100",
    MESA_RATE_LIMIT_PER_MINUTE: "1000000",
    LOG_LEVEL: "warn",
    ...env,
  };
  const args = ["--import", "tsx", "src/server/main.ts"];
  const child = opts.fileSizeKb
    ? spawn("bash", ["-c", `ulimit -f ${opts.fileSizeKb} && exec "$0" "$@"`, process.execPath, ...args], {
        cwd: ROOT,
        env: fullEnv,
      })
    : spawn(process.execPath, args, { cwd: ROOT, env: fullEnv });
  let out = "";
  child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const proc: ServerProcess = {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    alive: () => child.exitCode === null && child.signalCode === null,
    exited,
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (!proc.alive()) throw new Error(`Mesa exited while starting:\n${out}`);
    const ok = await fetch(`${proc.url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return proc;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`Mesa did not answer within 30 s:\n${out}`);
}

/** Kills the process the hard way (SIGKILL: no shutdown hook runs) and waits until it is gone. */
export async function killHard(proc: ServerProcess): Promise<void> {
  if (proc.alive()) proc.child.kill("SIGKILL");
  await proc.exited;
}

export interface HttpRes {
  status: number;
  body: any;
  headers: Headers;
}

/** One API caller over HTTP with a bearer token. */
export class HttpCaller {
  constructor(
    readonly url: string,
    readonly token: string,
  ) {}

  async req(method: string, p: string, body?: unknown): Promise<HttpRes> {
    const res = await fetch(`${this.url}${p}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  }
  get = (p: string) => this.req("GET", p);
  post = (p: string, body: unknown = {}) => this.req("POST", p, body);
}

/** Signs in as the bootstrap admin over HTTP and takes a bearer token. */
export async function httpSignIn(url: string): Promise<HttpCaller> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
  });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith("mesa_session="))!;
  const tok = await fetch(`${url}/api/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: cookie.split(";")[0]!, "x-csrf-token": csrfToken },
    body: JSON.stringify({ name: "faults" }),
  });
  if (tok.status !== 201) throw new Error(`token: ${tok.status} ${await tok.text()}`);
  return new HttpCaller(url, ((await tok.json()) as { token: string }).token);
}
