import path from "node:path";
import { z } from "zod";

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  MESA_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL debe empezar con postgres://")
    .optional(),
  MESA_ADMIN_EMAIL: z.email().optional(),
  MESA_ADMIN_PASSWORD: z.string().min(8).optional(),
  MESA_COOKIE_SECURE: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  MESA_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  MESA_LOGIN_MAX_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  MESA_WEB_DIST: z.string().default("./web/dist"),
  MESA_TRUST_PROXY: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  MESA_JOBS: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  MESA_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "MESA_SMTP_URL debe empezar con smtp:// o smtps://")
    .optional(),
  MESA_MAIL_FROM: z.string().min(3).default("mesa@localhost"),
  MESA_SUPPORT_ADDRESS: z.string().min(3).optional(),
  MESA_PUBLIC_URL: z.url().default("http://localhost:3000"),
  MESA_SMTP_LISTEN: z
    .string()
    .regex(/^[^:]+:\d{1,5}$/, "MESA_SMTP_LISTEN es host:puerto")
    .optional(),
  MESA_MAIL_MAX_MB: z.coerce.number().int().min(1).max(100).default(30),
  MESA_IMAP_URL: z
    .string()
    .regex(/^imaps?:\/\//, "MESA_IMAP_URL debe empezar con imap:// o imaps://")
    .optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  cookieSecure: boolean;
  sessionHours: number;
  loginMaxPerMinute: number;
  logLevel: string;
  webDist: string;
  jobsEnabled: boolean;
  /** Behind a reverse proxy, take the client address from X-Forwarded-For (login rate limit per IP). */
  trustProxy: boolean;
  /** Outgoing mail server; unset: mail stays queued in the outbox. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The address clients write to (Reply-To of what Mesa sends); defaults to mailFrom. */
  supportAddress: string;
  publicUrl: string;
  /** host:port of the inbound SMTP listener; unset: off. */
  smtpListen: string | undefined;
  imapUrl: string | undefined;
  /** Inbound mail larger than this is refused (SMTP 552). */
  mailMaxBytes: number;
}

/** Parses the environment once; an invalid value stops the process with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  // `NAME=` with nothing after it (as .env files and compose files leave optional settings) means "not set".
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const parsed = EnvSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Configuración inválida:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.MESA_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    adminEmail: e.MESA_ADMIN_EMAIL,
    adminPassword: e.MESA_ADMIN_PASSWORD,
    cookieSecure: e.MESA_COOKIE_SECURE,
    sessionHours: e.MESA_SESSION_HOURS,
    loginMaxPerMinute: e.MESA_LOGIN_MAX_PER_MINUTE,
    logLevel: e.LOG_LEVEL,
    webDist: path.resolve(e.MESA_WEB_DIST),
    jobsEnabled: e.MESA_JOBS,
    trustProxy: e.MESA_TRUST_PROXY,
    smtpUrl: e.MESA_SMTP_URL,
    mailFrom: e.MESA_MAIL_FROM,
    supportAddress: e.MESA_SUPPORT_ADDRESS ?? e.MESA_MAIL_FROM,
    publicUrl: e.MESA_PUBLIC_URL.replace(/\/+$/, ""),
    smtpListen: e.MESA_SMTP_LISTEN,
    imapUrl: e.MESA_IMAP_URL,
    mailMaxBytes: e.MESA_MAIL_MAX_MB * 1024 * 1024,
    ...overrides,
  };
}
