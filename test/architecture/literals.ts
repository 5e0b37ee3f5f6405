/**
 * String literals of TypeScript sources, found by parsing (vite's parseAst, the bundler's own parser), not
 * by regular expressions: comments, regular expressions and escaped quotes cannot fool it, and each literal
 * comes with where it stands (the property it is the value of, the call it is an argument of).
 */
import fs from "node:fs";
import path from "node:path";
import { parseAst } from "vite";

interface Node {
  type: string;
  start: number;
  [key: string]: unknown;
}

export interface Literal {
  /** The text; a template's expressions read as `{}`. */
  text: string;
  line: number;
  /** The property name when the literal is a property's value (`message: "…"`). */
  property: string | null;
  /** The method name and argument index when it is a call's argument (`.min(1, "…")` → `min`, 1). */
  call: { callee: string; object: string | null; index: number } | null;
}

const isNode = (v: unknown): v is Node =>
  typeof v === "object" && v !== null && typeof (v as { type?: unknown }).type === "string";

const nameOf = (n: unknown): string | null => {
  if (!isNode(n)) return null;
  if (n.type === "Identifier") return String(n.name);
  if (n.type === "Literal" && typeof n.value === "string") return n.value;
  return null;
};

function textOf(n: Node): string | null {
  if (n.type === "Literal" && typeof n.value === "string") return n.value;
  if (n.type !== "TemplateLiteral") return null;
  const quasis = n.quasis as { value: { cooked: string | null } }[];
  return quasis.map((q) => q.value.cooked ?? "").join("{}");
}

function callOf(parent: Node, child: Node): Literal["call"] {
  if (parent.type !== "CallExpression" && parent.type !== "NewExpression") return null;
  const args = parent.arguments as Node[];
  const index = args.indexOf(child);
  if (index < 0) return null;
  const callee = parent.callee as Node;
  if (callee.type === "MemberExpression") {
    return { callee: nameOf(callee.property) ?? "", object: nameOf(callee.object), index };
  }
  return { callee: nameOf(callee) ?? "", object: null, index };
}

/** Every string literal and template of a source file, with its surroundings. */
export function literalsOf(source: string): Literal[] {
  const out: Literal[] = [];
  const lineAt = (offset: number) => source.slice(0, offset).split("\n").length;
  const walk = (n: Node, parent: Node | null) => {
    const text = textOf(n);
    if (text !== null && parent?.type !== "ImportDeclaration" && parent?.type !== "ExportNamedDeclaration") {
      const property = parent?.type === "Property" && parent.value === n ? nameOf(parent.key) : null;
      out.push({ text, line: lineAt(n.start), property, call: parent ? callOf(parent, n) : null });
    }
    for (const [key, value] of Object.entries(n)) {
      if (key === "type") continue;
      for (const child of Array.isArray(value) ? value : [value]) if (isNode(child)) walk(child, n);
    }
  };
  walk(parseAst(source, { lang: "ts" }) as unknown as Node, null);
  return out;
}

/** The `.ts` sources under a folder, tests and the i18n catalogues left out. */
export function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "i18n" ? [] : sourcesUnder(full);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [full] : [];
  });
}

/**
 * Reads as Spanish prose: a word with an accented letter or ñ (two letters at least, so the Ñ of an
 * alphabet is not prose), Spanish punctuation (¿ ¡ « »), or two Spanish function words.
 */
export function looksSpanish(text: string): boolean {
  if (/[¿¡«»]/.test(text) || /\p{L}[áéíóúüñ]|[áéíóúüñ]\p{L}/iu.test(text)) return true;
  const words = text.match(/\b(?:el|la|los|las|del|una|que|por|para|con|sin|ya|no|se|es|su|al|de|en)\b/gi);
  return (words?.length ?? 0) >= 2;
}
