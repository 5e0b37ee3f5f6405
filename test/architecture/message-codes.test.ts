import fs from "node:fs";
import path from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { AppError, conflict, notFound } from "../../src/server/platform/errors.js";
import { en } from "../../src/server/platform/i18n/en.js";
import { es } from "../../src/server/platform/i18n/es.js";
import { render } from "../../src/server/platform/i18n/index.js";

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
    const offenders = SERVER.flatMap((file) =>
      errorCalls(read(file))
        // Validation details (`[{path, message}]`) keep the texts they always had: details never change.
        .map((args) => args.replace(/\bmessage:\s*"[^"]*"/g, "message: …"))
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
