/**
 * The web app's module graph, parsed (vite's parseAst, the bundler's own parser): for each source file
 * its static imports in order (app modules and Mantine stylesheets), the modules it imports
 * dynamically (lazy screens, dialogs) and the names it takes from Mantine's packages.
 */
import fs from "node:fs";
import path from "node:path";
import { parseAst } from "vite";
import { PACKAGES, staticImports } from "./mantine-styles";

export const WEB_SRC = path.resolve(import.meta.dirname, "../../web/src");

/** One static import, in source order: an app module or a Mantine stylesheet. */
export type Step = { module: string } | { sheet: string };

export interface WebModule {
  steps: Step[];
  dynamic: string[];
  /** `core:Button`, `notifications:Notifications`… */
  mantine: string[];
}

interface Node {
  type: string;
  [key: string]: unknown;
}

const isNode = (v: unknown): v is Node =>
  typeof v === "object" && v !== null && typeof (v as { type?: unknown }).type === "string";

/** The string sources of `import("…")` expressions anywhere in a file. */
function dynamicSources(code: string): string[] {
  const out: string[] = [];
  const walk = (n: Node) => {
    const source = n.type === "ImportExpression" ? (n.source as Node) : null;
    if (source?.type === "Literal" && typeof source.value === "string") out.push(source.value);
    for (const value of Object.values(n)) {
      for (const child of Array.isArray(value) ? value : [value]) if (isNode(child)) walk(child);
    }
  };
  walk(parseAst(code, { lang: "tsx" }) as unknown as Node);
  return out;
}

function resolveFile(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`];
  return candidates.find((f) => fs.existsSync(f) && fs.statSync(f).isFile()) ?? null;
}

function parseModule(file: string): WebModule {
  const code = fs.readFileSync(file, "utf8");
  const module: WebModule = { steps: [], dynamic: [], mantine: [] };
  for (const { source, names } of staticImports(code, "tsx")) {
    const pkg = PACKAGES.find((p) => source === `@mantine/${p}`);
    if (pkg) module.mantine.push(...names.map((name) => `${pkg}:${name}`));
    else if (source.startsWith("@mantine/") && source.endsWith(".css")) module.steps.push({ sheet: source });
    else if (source.startsWith(".")) {
      const target = resolveFile(file, source);
      if (target?.endsWith(".ts") || target?.endsWith(".tsx")) module.steps.push({ module: target });
    }
  }
  for (const source of dynamicSources(code)) {
    const target = resolveFile(file, source);
    if (target) module.dynamic.push(target);
  }
  return module;
}

/** Every module of web/src (tests apart), by absolute path. */
export function webModules(dir = WEB_SRC, out = new Map<string, WebModule>()): Map<string, WebModule> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) webModules(full, out);
    else if (/\.tsx?$/.test(e.name) && !/\.(test|d)\.ts$/.test(e.name)) out.set(full, parseModule(full));
  }
  return out;
}

/**
 * The modules a root evaluates beyond those already loaded, in evaluation order (an ES module's
 * imports run first, in source order), with the stylesheets in the order the page receives them.
 */
export function evaluation(
  graph: Map<string, WebModule>,
  root: string,
  loaded: ReadonlySet<string> = new Set(),
): { modules: string[]; sheets: string[] } {
  const modules: string[] = [];
  const sheets: string[] = [];
  const seen = new Set(loaded);
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const step of graph.get(file)?.steps ?? []) {
      if ("module" in step) visit(step.module);
      else if (!sheets.includes(step.sheet)) sheets.push(step.sheet);
    }
    modules.push(file);
  };
  visit(root);
  return { modules, sheets };
}

/** What is in the page when a screen (an entry, or a module loaded lazily) loads, and what it adds. */
export interface Screen {
  loaded: Set<string>;
  loadedSheets: Set<string>;
  /** The modules it evaluates and the Mantine stylesheets it adds, in order. */
  modules: string[];
  sheets: string[];
}

const at = (file: string) => path.join(WEB_SRC, file);
export const ENTRIES = [at("main.tsx"), at("portal/main.tsx")];
const START = at("start.tsx");
export const SHELL = at("components/AppLayout.tsx");
const LEAVE_GUARD = at("components/LeaveGuardDialog.tsx");
/** Loaded with the entry (boot.ts), but the screens it loads render inside the shell. */
const ROUTE_LOADERS = at("routeLoaders.ts");

const common = (sets: Set<string>[]) =>
  new Set([...(sets[0] ?? [])].filter((x) => sets.every((s) => s.has(x))));

/** The app's screens and what each finds in the page: what every screen it renders inside loaded. */
export class WebScreens {
  readonly graph = webModules();
  readonly roots = [...new Set([...ENTRIES, ...[...this.graph.values()].flatMap((m) => m.dynamic)])];
  private readonly parents = new Map<string, string[]>();
  private readonly screens = new Map<string, Screen>();

  /** The screens a lazily loaded module renders inside: those whose modules import it. */
  parentsOf(root: string): string[] {
    let known = this.parents.get(root);
    if (!known) {
      known = this.findParents(root);
      this.parents.set(root, known);
    }
    return known;
  }

  screen(root: string): Screen {
    const known = this.screens.get(root);
    if (known) return known;
    const inside = ENTRIES.includes(root) ? [] : this.parentsOf(root).map((p) => this.screen(p));
    const loaded = common(inside.map((p) => new Set([...p.loaded, ...p.modules])));
    const loadedSheets = common(inside.map((p) => new Set([...p.loadedSheets, ...p.sheets])));
    const own = evaluation(this.graph, root, loaded);
    const sheets = own.sheets.filter((s) => !loadedSheets.has(s));
    const made = { loaded, loadedSheets, modules: own.modules, sheets };
    this.screens.set(root, made);
    return made;
  }

  private findParents(root: string): string[] {
    const importers = [...this.graph].filter(([, m]) => m.dynamic.includes(root)).map(([file]) => file);
    if (importers.includes(ROUTE_LOADERS)) return [root === SHELL || root === LEAVE_GUARD ? START : SHELL];
    return this.roots.filter(
      (r) => r !== root && evaluation(this.graph, r).modules.some((file) => importers.includes(file)),
    );
  }
}
