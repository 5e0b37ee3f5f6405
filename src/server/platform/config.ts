import path from "node:path";
import { z } from "zod";
import { StartupError } from "./errors.js";
import { issueText } from "./i18n/index.js";

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  MESA_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL debe empezar con postgres://")
    .optional(),
  MESA_ADMIN_EMAIL: z.email().optional(),
  // Checked against the password rule only when it is used (first start): an instance that already
  // has users keeps starting with an older, shorter value left in its environment.
  MESA_ADMIN_PASSWORD: z.string().optional(),
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
  MESA_LOGIN_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  MESA_LOGIN_IP_ATTEMPTS: z.coerce.number().int().min(1).default(30),
  MESA_LOGIN_CONCURRENCY: z.coerce.number().int().min(1).default(2),
  MESA_LOGIN_CONCURRENCY_PER_IP: z.coerce.number().int().min(1).default(2),
  MESA_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  MESA_BACKUP_DIRS: z.string().default(""),
  MESA_DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  MESA_WEB_DIST: z.string().default("./web/dist"),
  // Fastify's `trustProxy: true` takes the LEFTMOST X-Forwarded-For entry, which the client writes
  // itself: `true` therefore means one proxy hop. A number is the count of proxies in front; a comma
  // list names the proxies' addresses or CIDRs.
  MESA_TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|\d{1,2}|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/,
      "MESA_TRUST_PROXY: true, false, un número de proxies o una lista de direcciones/CIDR separadas por comas",
    )
    .default("false")
    .transform((v: string): number | string | false =>
      v === "false" ? false : v === "true" ? 1 : /^\d+$/.test(v) ? Number(v) || false : v,
    ),
  MESA_MIGRATE_ON_START: z
    .enum(["true", "false"])
    .default("true")
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
  MESA_PUBLIC_URL: z.url().optional(),
  MESA_SMTP_LISTEN: z
    .string()
    .regex(/^[^:]+:\d{1,5}$/, "MESA_SMTP_LISTEN es host:puerto")
    .optional(),
  MESA_MAIL_MAX_MB: z.coerce.number().int().min(1).max(100).default(30),
  MESA_LINK_SECRET: z.string().min(32, "MESA_LINK_SECRET debe tener al menos 32 caracteres").optional(),
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
  /** Failed logins per (e-mail, IP) before each further try waits (1, 2, 4 … 15 minutes). */
  loginAttempts: number;
  /** Failed logins per IP, over all accounts, before the same progressive wait. */
  loginIpAttempts: number;
  /** Password verifications (argon2) running at once in this process, and per IP. */
  loginConcurrency: number;
  loginConcurrencyPerIp: number;
  /** API requests per minute per signed-in user, or per IP when anonymous. */
  rateLimitPerMinute: number;
  /** PostgreSQL statement_timeout (ms) for every query; 0 = none. */
  dbStatementTimeoutMs: number;
  /** Folders (besides the data dir) an admin may choose for backups; absolute, from MESA_BACKUP_DIRS. */
  backupDirs: string[];
  logLevel: string;
  webDist: string;
  jobsEnabled: boolean;
  /** false: migrations are a release step (`npm run migrate`); start refuses while any is pending. */
  migrateOnStart: boolean;
  /** Behind a reverse proxy, take the client address from X-Forwarded-For (login throttling and the API rate limit per IP). */
  trustProxy: number | string | false;
  /** Outgoing mail server; unset: mail stays queued in the outbox. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The address clients write to (Reply-To of what Mesa sends); defaults to mailFrom. */
  supportAddress: string;
  publicUrl: string;
  /** host:port of the inbound SMTP listener; unset: off. */
  smtpListen: string | undefined;
  imapUrl: string | undefined;
  /** Signs the service-order acceptance links; unset: a random key kept in the database. */
  linkSecret: string | undefined;
  /** Inbound mail larger than this is refused (SMTP 552). */
  mailMaxBytes: number;
}

/** Parses the environment once; an invalid value stops the process with a clear message. */
/**
 * Where this server answers, for the links in mails when MESA_PUBLIC_URL is not set: a local install
 * on another PORT still gets links that open (a wildcard or loopback HOST is written localhost).
 */
function localUrl(host: string, port: number): string {
  const local = ["0.0.0.0", "::", "127.0.0.1", "::1", "localhost"].includes(host);
  const name = local ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  // `NAME=` with nothing after it (as .env files and compose files leave optional settings) means "not set".
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const parsed = EnvSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${issueText(i)}`);
    // One line, so a process supervisor's log shows the whole reason on the line that says it failed.
    throw new StartupError(`Configuración inválida: ${lines.join("; ")}`);
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
    loginAttempts: e.MESA_LOGIN_ATTEMPTS,
    loginIpAttempts: e.MESA_LOGIN_IP_ATTEMPTS,
    loginConcurrency: e.MESA_LOGIN_CONCURRENCY,
    loginConcurrencyPerIp: e.MESA_LOGIN_CONCURRENCY_PER_IP,
    rateLimitPerMinute: e.MESA_RATE_LIMIT_PER_MINUTE,
    dbStatementTimeoutMs: e.MESA_DB_STATEMENT_TIMEOUT_MS,
    backupDirs: e.MESA_BACKUP_DIRS.split(",")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => path.resolve(d)),
    logLevel: e.LOG_LEVEL,
    webDist: path.resolve(e.MESA_WEB_DIST),
    jobsEnabled: e.MESA_JOBS,
    migrateOnStart: e.MESA_MIGRATE_ON_START,
    trustProxy: e.MESA_TRUST_PROXY,
    smtpUrl: e.MESA_SMTP_URL,
    mailFrom: e.MESA_MAIL_FROM,
    supportAddress: e.MESA_SUPPORT_ADDRESS ?? e.MESA_MAIL_FROM,
    publicUrl: (e.MESA_PUBLIC_URL ?? localUrl(e.HOST, e.PORT)).replace(/\/+$/, ""),
    smtpListen: e.MESA_SMTP_LISTEN,
    imapUrl: e.MESA_IMAP_URL,
    linkSecret: e.MESA_LINK_SECRET,
    mailMaxBytes: e.MESA_MAIL_MAX_MB * 1024 * 1024,
    ...overrides,
  };
}
