/**
 * Which of Mantine's stylesheets an export of @mantine/core, @mantine/charts or @mantine/notifications
 * needs, read from the packages' own ES modules rather than from a list kept by hand: each component's
 * styles are compiled to a `<Name>.module.mjs` file (its class names) beside its code, and
 * `@mantine/core/styles/<Name>.layer.css` holds those classes. A component needs the stylesheets of
 * every such file its module imports, directly or through the components it is built on (Button:
 * UnstyledButton, Loader; Select: Input, Combobox, Popover…). @mantine/charts and
 * @mantine/notifications ship one stylesheet each.
 * A stylesheet's dependencies are those of the modules that use its classes: they style the same
 * elements, so they must come first in the page for the component's own rules to win.
 */
import fs from "node:fs";
import path from "node:path";
import { parseAst } from "vite";

const MANTINE = path.resolve(import.meta.dirname, "../../node_modules/@mantine");
export const PACKAGES = ["core", "charts", "notifications", "dates"] as const;
type Package = (typeof PACKAGES)[number];
/** Mantine's reset, theme variables and global classes, which every component's styles build on. */
export const GLOBAL_SHEETS = [
  "@mantine/core/styles/baseline.layer.css",
  "@mantine/core/styles/default-css-variables.layer.css",
  "@mantine/core/styles/global.layer.css",
];

interface Node {
  type: string;
  [key: string]: unknown;
}

interface EsmImport {
  source: string;
  /** Imported names; "*" for a namespace, default or side-effect import. */
  names: string[];
}

/** The static imports and re-exports of an ES module, with the names each takes. */
export function staticImports(code: string, lang: "js" | "tsx" = "js"): EsmImport[] {
  const body = (parseAst(code, { lang }) as unknown as { body: Node[] }).body;
  const out: EsmImport[] = [];
  for (const node of body) {
    const source = (node.source as { value?: unknown } | null | undefined)?.value;
    if (typeof source !== "string" || node.importKind === "type" || node.exportKind === "type") continue;
    const all = (node.specifiers ?? []) as Node[];
    const specifiers = all.filter((s) => s.importKind !== "type" && s.exportKind !== "type");
    const named = specifiers.filter((s) => s.type === "ImportSpecifier" || s.type === "ExportSpecifier");
    const names = named.map((s) => nameOf((s.imported ?? s.local) as Node));
    const whole = named.length < specifiers.length || all.length === 0; // default, namespace, bare
    out.push({ source, names: whole ? [...names, "*"] : names });
  }
  return out;
}

const nameOf = (n: Node) => String(n.name ?? n.value);

/** The stylesheet (import specifier) holding the classes of a `.module.mjs` file of a package. */
function sheetOf(pkg: Package, moduleFile: string): string {
  return pkg === "core"
    ? `@mantine/core/styles/${path.basename(moduleFile, ".module.mjs")}.layer.css`
    : `@mantine/${pkg}/styles.layer.css`;
}

export class MantineStyles {
  private readonly imports = new Map<string, EsmImport[]>();
  private readonly closures = new Map<string, Set<string>>();
  private readonly barrels = new Map<Package, Map<string, string>>();
  private dependencies: Map<string, Set<string>> | undefined;
  private readonly moduleLists = new Map<Package, string[]>();

  /** The stylesheets an export of a Mantine package needs (none for hooks, helpers, types). */
  needs(pkg: Package, name: string): Set<string> {
    const file = this.barrel(pkg).get(name);
    if (!file) throw new Error(`@mantine/${pkg} exports no ${name}`);
    return this.sheetsOf(this.closure(file));
  }

  /** The stylesheets that must come before a stylesheet. */
  dependenciesOf(sheet: string): Set<string> {
    this.dependencies ??= this.allDependencies();
    const global = GLOBAL_SHEETS.indexOf(sheet);
    if (global >= 0) return new Set(GLOBAL_SHEETS.slice(0, global));
    return new Set([...GLOBAL_SHEETS, ...(this.dependencies.get(sheet) ?? [])]);
  }

  /** A class name only this stylesheet defines, to find it in built CSS (none for the global ones). */
  classOf(sheet: string): string | undefined {
    const pkg = PACKAGES.find((p) => sheet.startsWith(`@mantine/${p}/`));
    const file = pkg && this.moduleFiles(pkg).find((f) => sheetOf(pkg, f) === sheet);
    return file && /"(m_[0-9a-f]+)"/.exec(fs.readFileSync(file, "utf8"))?.[1];
  }

  /** Every stylesheet the packages hold, as `needs` and `dependenciesOf` name them. */
  allSheets(): Set<string> {
    const components = PACKAGES.flatMap((pkg) => this.moduleFiles(pkg).map((f) => sheetOf(pkg, f)));
    return new Set([...GLOBAL_SHEETS, ...components]);
  }

  private allDependencies(): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const pkg of PACKAGES) {
      for (const file of this.files(path.join(MANTINE, pkg, "esm"))) {
        const styled = this.importsOf(file).filter((i) => i.source.endsWith(".module.mjs"));
        if (styled.length === 0) continue;
        const before = this.sheetsOf(this.closure(file));
        for (const i of styled) {
          const sheet = sheetOf(pkg, i.source);
          const known = out.get(sheet) ?? new Set();
          for (const other of before) if (other !== sheet) known.add(other);
          out.set(sheet, known);
        }
      }
    }
    return out;
  }

  private sheetsOf(modules: Set<string>): Set<string> {
    const sheets = new Set<string>();
    for (const file of modules) {
      const pkg = PACKAGES.find((p) => file.startsWith(path.join(MANTINE, p) + path.sep));
      if (pkg && file.endsWith(".module.mjs")) sheets.add(sheetOf(pkg, file));
    }
    return sheets;
  }

  private closure(file: string): Set<string> {
    const known = this.closures.get(file);
    if (known) return known;
    const seen = new Set<string>();
    const stack = [file];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      if (seen.has(next)) continue;
      seen.add(next);
      for (const i of this.importsOf(next)) stack.push(...this.resolve(next, i));
    }
    this.closures.set(file, seen);
    return seen;
  }

  /** The module files an import reaches: a relative file, or the modules of names taken from a barrel. */
  private resolve(from: string, i: EsmImport): string[] {
    if (i.source.startsWith(".")) return [path.resolve(path.dirname(from), i.source)];
    const pkg = PACKAGES.find((p) => i.source === `@mantine/${p}`);
    if (!pkg) return []; // React, @mantine/hooks, recharts: no Mantine styles
    const barrel = this.barrel(pkg);
    const names = i.names.includes("*") ? [...barrel.keys()] : i.names;
    return names.flatMap((n) => barrel.get(n) ?? []);
  }

  /** Exported name → the module defining it, for a package's index. */
  private barrel(pkg: Package): Map<string, string> {
    const known = this.barrels.get(pkg);
    if (known) return known;
    const index = path.join(MANTINE, pkg, "esm", "index.mjs");
    const local = new Map<string, string>();
    const exported = new Map<string, string>();
    const body = (parseAst(fs.readFileSync(index, "utf8")) as unknown as { body: Node[] }).body;
    for (const node of body) {
      for (const s of (node.specifiers ?? []) as Node[]) {
        if (node.type === "ImportDeclaration" && s.type === "ImportSpecifier") {
          const source = (node.source as { value: string }).value;
          if (source.startsWith("."))
            local.set(nameOf(s.local as Node), path.resolve(path.dirname(index), source));
        }
        if (node.type === "ExportNamedDeclaration" && !node.source) {
          const file = local.get(nameOf(s.local as Node));
          if (file) exported.set(nameOf(s.exported as Node), file);
        }
      }
    }
    this.barrels.set(pkg, exported);
    return exported;
  }

  private importsOf(file: string): EsmImport[] {
    let known = this.imports.get(file);
    if (!known) {
      known = staticImports(fs.readFileSync(file, "utf8"));
      this.imports.set(file, known);
    }
    return known;
  }

  private moduleFiles(pkg: Package): string[] {
    let known = this.moduleLists.get(pkg);
    if (!known) {
      known = this.files(path.join(MANTINE, pkg, "esm")).filter((f) => f.endsWith(".module.mjs"));
      this.moduleLists.set(pkg, known);
    }
    return known;
  }

  private files(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((e) => {
      const full = path.join(e.parentPath, e.name);
      return e.isFile() && e.name.endsWith(".mjs") ? [full] : [];
    });
  }
}
