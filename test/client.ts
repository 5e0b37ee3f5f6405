import type { MesaApp } from "../src/server/app.js";

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

/** Talks to the app in-process as one caller (bearer token), like an API user would. */
export class Caller {
  constructor(
    readonly app: MesaApp,
    readonly token: string | null,
    readonly user: { id: string; email: string; roles: string[] } | null = null,
  ) {}

  async req<T = any>(method: string, url: string, body?: unknown): Promise<Res<T>> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const res = await this.app.inject({
      method: method as "GET",
      url,
      headers,
      ...(body === undefined ? {} : { payload: body as object }),
    });
    const text = res.body;
    return { status: res.statusCode, body: text ? JSON.parse(text) : null, headers: res.headers };
  }
  get = <T = any>(url: string) => this.req<T>("GET", url);
  post = <T = any>(url: string, body?: unknown) => this.req<T>("POST", url, body ?? {});
  patch = <T = any>(url: string, body: unknown) => this.req<T>("PATCH", url, body);
  put = <T = any>(url: string, body: unknown) => this.req<T>("PUT", url, body);
}

/** Logs in with a password and takes a bearer token for the rest of the test. */
export async function signIn(app: MesaApp, email: string, password: string): Promise<Caller> {
  const login = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });
  if (login.statusCode !== 200) throw new Error(`login ${email}: ${login.statusCode} ${login.body}`);
  const { csrfToken, user } = login.json();
  const cookie = login.cookies.find((c) => c.name === "mesa_session")!;
  const tok = await app.inject({
    method: "POST",
    url: "/api/auth/tokens",
    headers: { cookie: `mesa_session=${cookie.value}`, "x-csrf-token": csrfToken },
    payload: { name: "test" },
  });
  if (tok.statusCode !== 201) throw new Error(`token: ${tok.statusCode} ${tok.body}`);
  return new Caller(app, tok.json().token, user);
}

export const ADMIN = { email: "admin@encor.mx", password: "admin-password-123" };
