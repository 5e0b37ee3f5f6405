/** E2E plumbing: an in-process Mesa server on a temp data dir, an API session, and Chromium. */
import fs, { existsSync, mkdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page, type Request } from "playwright-core";
import { buildApp, type MesaApp } from "../src/server/app";
import { buildWeb } from "./build-web";

export { buildWeb };

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const WEB_DIST = path.join(ROOT, "web", "dist");
export const SHOTS = path.join(ROOT, "e2e", "screenshots");
export const ADMIN = { email: "admin@encor.mx", password: "cambiame123" };
export const PASSWORD = "contrasena-segura-1";

/** Builds web/dist when the globalSetup did not (e.g. `npx vitest run e2e` without the e2e project). */
export function ensureWebBuilt(): void {
  if (!existsSync(path.join(WEB_DIST, "index.html"))) buildWeb();
}

export interface Server {
  app: MesaApp;
  baseUrl: string;
  close: () => Promise<void>;
}

function serverEnv(
  dataDir: string,
  webDist: string,
  admin: boolean,
  extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    MESA_DATA_DIR: dataDir,
    MESA_ADMIN_EMAIL: admin ? ADMIN.email : undefined,
    MESA_ADMIN_PASSWORD: admin ? ADMIN.password : undefined,
    MESA_WEB_DIST: webDist,
    MESA_LOGIN_ATTEMPTS: "10000",
    MESA_LOGIN_IP_ATTEMPTS: "10000",
    MESA_LOGIN_CONCURRENCY_PER_IP: "100",
    MESA_RATE_LIMIT_PER_MINUTE: "1000000",
    MESA_JOBS: "false",
    LOG_LEVEL: "silent",
    DATABASE_URL: undefined,
    ...extra,
  };
}

async function build(dataDir: string, admin: boolean, env?: NodeJS.ProcessEnv): Promise<MesaApp> {
  return buildApp({ logger: false, env: serverEnv(dataDir, WEB_DIST, admin, env) });
}

/**
 * Starts Mesa in-process on a random port; `admin: false` leaves it needing the first-run setup;
 * `env` adds settings (the inbound SMTP listener, for one).
 */
export async function startServer(
  options: { admin?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<Server> {
  ensureWebBuilt();
  const dataDir = await mkdtemp(path.join(tmpdir(), "mesa-e2e-"));
  const app = await build(dataDir, options.admin ?? true, options.env);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ApiResult<T = unknown> {
  status: number;
  body: T;
}

/** A cookie session against the API, as a browser would hold it (cookie + CSRF header). */
export class ApiSession {
  private cookie = "";
  private csrf = "";
  constructor(private readonly baseUrl: string) {}

  /** The session cookies, to hand a signed-in session to a browser context. */
  get cookies(): { name: string; value: string }[] {
    return this.cookie
      .split("; ")
      .filter(Boolean)
      .map((pair) => {
        const at = pair.indexOf("=");
        return { name: pair.slice(0, at), value: pair.slice(at + 1) };
      });
  }

  static async login(baseUrl: string, email: string, password: string): Promise<ApiSession> {
    const session = new ApiSession(baseUrl);
    const res = await session.call<{ csrfToken: string }>("POST", "/api/auth/login", { email, password });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    session.csrf = res.body.csrfToken;
    return session;
  }

  async call<T = unknown>(method: string, url: string, body?: unknown): Promise<ApiResult<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.cookie) headers.cookie = this.cookie;
    if (method !== "GET" && this.csrf) headers["x-csrf-token"] = this.csrf;
    const res = await fetch(this.baseUrl + url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.getSetCookie();
    if (setCookie.length) this.cookie = setCookie.map((c) => c.split(";")[0]).join("; ");
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async ok<T = unknown>(method: string, url: string, body?: unknown): Promise<T> {
    const res = await this.call<T>(method, url, body);
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Browser specs need Debian's Chromium. A developer machine without it skips them with a notice;
 * CI (CI=true) never skips: .ci/run installs Chromium, and its absence there is a failure.
 */
export const browserMissing = !fs.existsSync(CHROMIUM) && process.env.CI !== "true";
if (browserMissing) {
  console.warn(`[e2e] ${CHROMIUM} not found: browser tests skipped (apt-get install chromium to run them).`);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--headless",
      "--disable-dev-shm-usage",
    ],
  });
}

export async function newPage(
  browser: Browser,
  viewport = { width: 1366, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: "es-MX", timezoneId: "America/Mexico_City" });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** Signs in through the login form and waits for the app shell. */
export async function uiLogin(
  page: Page,
  baseUrl: string,
  email: string,
  password: string,
  path = "/",
): Promise<void> {
  await page.goto(baseUrl + path);
  await page.getByLabel("Correo electrónico").fill(email);
  await page.getByLabel("Contraseña").fill(password);
  await page.getByRole("button", { name: "Entrar" }).click();
  await page.getByTestId("user-menu").waitFor();
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

export interface Staff {
  reception: { id: string; email: string };
  reception2: { id: string; email: string };
  technician: { id: string; email: string };
  technician2: { id: string; email: string };
  senior: { id: string; email: string };
  leader: { id: string; email: string };
}

/** Creates one user per role (admin API) and a contract client with a contact. */
export async function seedStaff(admin: ApiSession): Promise<Staff> {
  const make = async (email: string, name: string, roles: string[], skills: string[] = []) => {
    const user = await admin.ok<{ id: string }>("POST", "/api/users", {
      email,
      name,
      password: PASSWORD,
      roles,
      skills,
    });
    return { id: user.id, email };
  };
  return {
    reception: await make("recepcion@encor.mx", "Rocío Recepción", ["reception"]),
    reception2: await make("recepcion2@encor.mx", "Raúl Recepción", ["reception"]),
    technician: await make("tecnico@encor.mx", "Tomás Técnico", ["technician"], ["redes", "fortigate"]),
    technician2: await make("tecnico2@encor.mx", "Teresa Técnica", ["technician"], ["microsip"]),
    senior: await make("senior@encor.mx", "Sergio Senior", ["senior"], ["windows-server"]),
    leader: await make("lider@encor.mx", "Lucía Líder", ["leader"]),
  };
}

export async function seedClient(admin: ApiSession, name = "Ferretería La Única", phone = "55 1234 5678") {
  const client = await admin.ok<{ id: string }>("POST", "/api/clients", { name, rfc: "FLU850101ABA", phone });
  const contact = await admin.ok<{ id: string }>("POST", "/api/contacts", {
    clientId: client.id,
    name: "Ana Martínez",
    email: "ana@launica.mx",
    phone: "55 8765 4321",
  });
  await admin.ok("POST", "/api/contracts", {
    clientId: client.id,
    type: "SS",
    startsOn: "2025-01-01",
    monthlyFeeCents: 350000,
    includedMinutesPerMonth: 600,
    overageRateCents: 80000,
  });
  return { clientId: client.id, contactId: contact.id };
}

/** Runs a step in a fresh browser context; on failure saves `fail-<name>.png` for diagnosis. */
export async function withPage(
  browser: Browser,
  name: string,
  fn: (page: Page) => Promise<void>,
  viewport?: { width: number; height: number },
): Promise<void> {
  const { context, page } = await newPage(browser, viewport);
  try {
    await fn(page);
  } catch (error) {
    await shot(page, `fail-${name}`).catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
}

/** Waits until the ticket rows on screen are exactly these folios (in any order). */
export async function waitForFolios(page: Page, folios: string[]): Promise<void> {
  await page.waitForFunction((wanted) => {
    const rows = [...document.querySelectorAll('[data-testid="ticket-row"]')];
    const shown = rows.map((r) => r.getAttribute("data-folio")).sort();
    const empty = document.querySelector('[data-testid="empty-list"]') !== null;
    if (wanted.length === 0) return empty && shown.length === 0;
    return JSON.stringify(shown) === JSON.stringify([...wanted].sort());
  }, folios);
}

/**
 * Counts the page's API requests still on their way, from now on. `settled()` waits until none is
 * (the screen's own loads are done), so a step that ends the session cannot race one of them.
 */
export function trackApiRequests(page: Page): { settled: () => Promise<void> } {
  const pending = new Set<Request>();
  let wake: (() => void) | null = null;
  const done = (request: Request) => {
    pending.delete(request);
    wake?.();
  };
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/api/")) pending.add(request);
  });
  page.on("requestfinished", done);
  page.on("requestfailed", done);
  return {
    settled: async () => {
      while (pending.size > 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
  };
}

/** What most specs start from: a server with staff of every desk role, one client with a contract, a browser. */
export interface Desk {
  server: Server;
  browser: Browser;
  admin: ApiSession;
  staff: Staff;
  clientId: string;
  contactId: string;
  close: () => Promise<void>;
}

export async function openDesk(): Promise<Desk> {
  const server = await startServer();
  const admin = await ApiSession.login(server.baseUrl, ADMIN.email, ADMIN.password);
  const staff = await seedStaff(admin);
  const { clientId, contactId } = await seedClient(admin);
  const browser = await launchBrowser();
  const close = async () => {
    await browser.close();
    await server.close();
  };
  return { server, browser, admin, staff, clientId, contactId, close };
}

/** Makes the transitions of one ticket, each as the session given (who the desk would ask). */
export const transitionsOf =
  (ticketId: string) =>
  (who: ApiSession, body: object): Promise<unknown> =>
    who.ok("POST", `/api/tickets/${ticketId}/transitions`, body);

/**
 * A ticket filed and worked through the API up to «Atendido», as the desk would: `desk` files and
 * assigns it, `technician` starts it, logs `entry` and any `charges`, and marks it attended. The
 * answer is the ticket as filed.
 */
export async function attendedViaApi<T extends { id: string }>(
  people: { desk: ApiSession; technician: ApiSession; technicianId: string },
  ticket: object,
  work: { entry: object; charges?: object[] },
): Promise<T> {
  const { desk, technician } = people;
  const filed = await desk.ok<T>("POST", "/api/tickets", ticket);
  const move = transitionsOf(filed.id);
  await move(desk, { action: "assign", assigneeId: people.technicianId });
  await move(technician, { action: "start" });
  await technician.ok("POST", `/api/tickets/${filed.id}/time-entries`, work.entry);
  for (const charge of work.charges ?? [])
    await technician.ok("POST", `/api/tickets/${filed.id}/charges`, charge);
  await move(technician, { action: "attend" });
  return filed;
}
