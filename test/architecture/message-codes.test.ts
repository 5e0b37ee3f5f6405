import fs from "node:fs";
import path from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { isInputMessageKey } from "../../src/contract/i18n/issue.js";
import { mexicanStatutoryHolidays } from "../../src/domain/calendar/index.js";
import { IMPORT_ROW_CODES } from "../../src/server/modules/billing/erp.js";
import { NO_CHARGE_CANCEL_REASON } from "../../src/server/modules/billing/make.js";
import { AppError, conflict, notFound } from "../../src/server/platform/errors.js";
import { en } from "../../src/server/platform/i18n/en.js";
import { es } from "../../src/server/platform/i18n/es.js";
import { render } from "../../src/server/platform/i18n/index.js";
import { esMX as web } from "../../web/src/i18n/es-MX.js";
import { type Literal, literalsOf, looksSpanish, sourcesUnder } from "./literals.js";

// Issue #11 item 6: domain and services return message codes with parameters, never sentences; the
// server's catalogues hold every code in es-MX and English, and only the HTTP edge renders them.

const ROOT = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "i18n" ? [] : sourceFiles(full);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [full] : [];
  });
}

const SERVER = sourceFiles(path.join(ROOT, "src/server"));
const DOMAIN = sourceFiles(path.join(ROOT, "src/domain"));
const read = (file: string) => fs.readFileSync(file, "utf8");
const rel = (file: string) => path.relative(ROOT, file);

/** The argument names a message uses (select and plural included, nested ones too). */
function argumentsOf(message: string): string[] {
  type Node = { type: number; value?: unknown; options?: Record<string, { value: Node[] }> };
  const names = new Set<string>();
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      // 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural (formatjs' TYPE enum).
      if (n.type >= 1 && n.type <= 6 && typeof n.value === "string") names.add(n.value);
      for (const option of Object.values(n.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, "es-MX", undefined, { ignoreTag: true }).getAst() as Node[]);
  return [...names].sort();
}

/** Every message code the source names: first arguments of the error helpers, and the domain's coded(). */
function codesUsed(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns: [RegExp, (m: string) => string][] = [
    [/\b(?:forbidden|conflict|invalid|coded)\(\s*"([a-z_.]+)"/g, (m) => m],
    [/\b(?:new AppError|refuse)\(\s*"[a-z_]+",\s*"([a-z_.]+)"/g, (m) => m],
    [/\bnotFound\(\s*"([a-z_]+)"/g, (m) => `error.not_found.${m}`],
    [/\{\s*code:\s*"([a-z_]+\.[a-z_.]+)",\s*params\b/g, (m) => m],
  ];
  for (const file of [...SERVER, ...DOMAIN]) {
    const text = read(file);
    for (const [re, key] of patterns)
      for (const m of text.matchAll(re)) found.set(key(m[1] as string), rel(file));
    // Any code literal inside a coded(…) call (`coded(cond ? "a.b" : "a.c", …)`).
    for (const args of callArguments(text, /\bcoded\(/g))
      for (const m of args.matchAll(/"([a-z_]+\.[a-z_.]+)"/g)) found.set(m[1] as string, rel(file));
  }
  return found;
}

/** The argument list of each call `opening` finds, up to its closing parenthesis. */
function callArguments(text: string, opening: RegExp): string[] {
  const calls: string[] = [];
  for (const m of text.matchAll(opening)) {
    let depth = 1;
    let i = (m.index ?? 0) + m[0].length;
    const start = i;
    for (; i < text.length && depth > 0; i++) {
      if (text[i] === "(") depth++;
      else if (text[i] === ")") depth--;
    }
    calls.push(text.slice(start, i - 1));
  }
  return calls;
}

const errorCalls = (text: string) =>
  callArguments(text, /\b(?:new AppError|notFound|forbidden|conflict|invalid|codedError)\(/g);

/** A string literal in a call's arguments that reads as Spanish prose rather than a code. */
const SPANISH = /["'`][^"'`]*(?:[áéíóúñÁÉÍÓÚÑ¿¡«»]|\b(?:el|la|los|las|no|un|una|ya|se|de)\s)[^"'`]*["'`]/;

describe("message catalogues", () => {
  it("hold every code in es-MX and English, with the same arguments", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(es).sort());
    for (const key of Object.keys(es) as (keyof typeof es)[]) {
      expect(es[key].trim(), key).not.toBe("");
      expect(en[key].trim(), key).not.toBe("");
      expect(argumentsOf(en[key]), key).toEqual(argumentsOf(es[key]));
    }
  });

  it("have a text for every code the server and the domain use", () => {
    const used = codesUsed();
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter(([code]) => !Object.hasOwn(es, code)).map(([c, f]) => `${f}: ${c}`);
    expect(missing).toEqual([]);
  });
});

describe("throw sites carry codes, not sentences", () => {
  it("passes no Spanish text to AppError, notFound, forbidden, conflict, invalid or codedError", () => {
    // Validation details (`[{path, message}]`) included: their message is a code the edge words too.
    const offenders = SERVER.flatMap((file) =>
      errorCalls(read(file))
        .filter((args) => SPANISH.test(args))
        .map((args) => `${rel(file)}: ${args.replace(/\s+/g, " ").slice(0, 120)}`),
    );
    expect(offenders).toEqual([]);
  });

  it("render the Spanish text in messages (logs) and either language at the edge", () => {
    const err = conflict("timer.running_elsewhere", { folio: "OS-2026-000001" }, { timer: null });
    expect(err).toBeInstanceOf(AppError);
    expect(err.message).toBe("Ya tienes el cronómetro corriendo en OS-2026-000001: detenlo primero.");
    expect(render("en", err.text.code, err.text.params)).toBe(
      "Your timer is already running on OS-2026-000001: stop it first.",
    );
    expect(notFound("category", null, { code: "redes" }).message).toBe("La categoría «redes» no existe.");
  });
});

/** The argument of a zod check that is its message (`.min(1, "…")`, `.int("…")`, `.refine(f, "…")`). */
const MESSAGE_ARGUMENT: Record<string, number> = {
  int: 0,
  email: 0,
  positive: 0,
  nonnegative: 0,
  min: 1,
  max: 1,
  length: 1,
  gt: 1,
  gte: 1,
  lt: 1,
  lte: 1,
  multipleOf: 1,
  regex: 1,
  refine: 1,
};
const isMessage = (l: Literal) =>
  l.property === "message" ||
  l.property === "error" ||
  (l.call !== null && l.call.object !== "Math" && MESSAGE_ARGUMENT[l.call.callee] === l.call.index);

/** OpenAPI's words for developers (English or not), not texts a user reads. */
const isApiDoc = (l: Literal) =>
  ["description", "summary"].includes(l.property ?? "") ||
  ["describe", "meta"].includes(l.call?.callee ?? "");

/**
 * Files whose Spanish is a document's or an operator's, never a message to a user of the app. Each says
 * why; anything else in src/domain, src/server/modules or src/contract that reads as Spanish fails.
 */
const SPANISH_BY_DESIGN: Record<string, string> = {
  "src/server/modules/billing/event.ts": "invoice lines: a Mexican fiscal document, in Spanish for the ERP",
  "src/server/modules/billing/run-page.ts": "invoice lines of a billing run (the same document)",
  "src/server/modules/billing/pdf.ts": "the invoice PDF",
  "src/server/modules/billing/mail.ts": "the invoice's e-mail to the client, sent in Spanish",
  "src/server/modules/service-orders/pdf.ts": "the service order PDF the client signs",
  "src/server/modules/reports/export.ts": "column headers of the report spreadsheets (documents)",
  "src/server/modules/mail/templates.ts": "per-language tables (es and en) of the e-mail templates",
  "src/server/modules/mail/headers.ts": "why no auto-reply went out: an operator's diagnostic",
  "src/server/modules/mail/process.ts": "a mail task's last error, for the operator",
  "src/server/modules/mail/outbox.ts": "an outbox task's last error, for the operator",
  "src/server/modules/mail/listener.ts": "the SMTP reply to the sending server",
  "src/server/modules/settings/stored-settings.ts": "an operator's log line",
};

describe("no Spanish sentences outside the catalogues", () => {
  it("the contract's zod checks name message codes (input.*), never sentences", () => {
    const offenders = sourcesUnder(path.join(ROOT, "src/contract")).flatMap((file) =>
      literalsOf(read(file))
        .filter((l) => isMessage(l) && !isInputMessageKey(l.text))
        .map((l) => `${rel(file)}:${l.line} ${l.text}`),
    );
    expect(offenders).toEqual([]);
  });

  it("the domain, the module services and the contract return none", () => {
    const roots = ["src/domain", "src/server/modules", "src/contract"].map((d) => path.join(ROOT, d));
    const offenders = roots
      .flatMap((dir) => sourcesUnder(dir))
      .filter((file) => !Object.hasOwn(SPANISH_BY_DESIGN, rel(file)))
      .flatMap((file) =>
        literalsOf(read(file))
          .filter((l) => !isApiDoc(l) && looksSpanish(l.text))
          .map((l) => `${rel(file)}:${l.line} ${l.text.slice(0, 80)}`),
      );
    expect(offenders).toEqual([]);
  });

  it("tells prose from codes and data", () => {
    expect(looksSpanish("El total no coincide: Mesa tiene {}.")).toBe(true);
    expect(looksSpanish("{} sin horario de atención")).toBe(true);
    expect(looksSpanish("Sábado")).toBe(true);
    expect(looksSpanish("¿Ya funciona?")).toBe(true);
    expect(looksSpanish("billing.import_row.total_mismatch")).toBe(false);
    expect(looksSpanish("0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ")).toBe(false);
    expect(looksSpanish("SELECT id FROM tickets WHERE status = ?")).toBe(false);
  });
});

describe("codes put together at run time have their texts", () => {
  it("each ERP import verdict, on the server and in the web app", () => {
    for (const code of IMPORT_ROW_CODES) {
      expect(Object.hasOwn(es, `billing.import_row.${code}`), code).toBe(true);
      expect(Object.hasOwn(web, `billing.importRow.${code}`), code).toBe(true);
    }
  });

  it("each statutory holiday and each kind of day without hours", () => {
    const keys = new Set([2024, 2026, 2030].flatMap((y) => mexicanStatutoryHolidays(y).map((h) => h.key)));
    expect(keys.size).toBe(8);
    for (const key of keys) {
      expect(Object.hasOwn(es, `calendar.holiday.${key}`), key).toBe(true);
      expect(Object.hasOwn(web, `calendar.holiday.${key}`), key).toBe(true);
    }
    for (const kind of ["weekend", "closed_day"])
      expect(Object.hasOwn(es, `calendar.day.${kind}`)).toBe(true);
    expect(render("es-MX", "calendar.day.closed_day", { weekday: 3 })).toBe(
      "Miércoles sin horario de atención",
    );
    expect(render("en", "calendar.day.weekend", { weekday: 6 })).toBe("Saturday");
  });

  it("the reason Mesa writes when it cancels a draft", () => {
    expect(render("en", NO_CHARGE_CANCEL_REASON)).toBe("The ticket was made no-charge.");
  });
});
