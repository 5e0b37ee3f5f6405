/**
 * The static import graph of a build, as the bundler will keep it: an import of a package's "barrel"
 * index (`@mantine/core` re-exports every component) stands for the modules of the names imported,
 * not for the whole library, so "what the queue needs" is Table and Badge, not all of Mantine.
 */
import path from "node:path";

export interface ModuleSource {
  code: string | null;
  importedIds: readonly string[];
}

/** Barrel index files, by the import specifier that reaches them. */
const BARRELS: Record<string, RegExp> = {
  "@mantine/core": /[\\/]@mantine[\\/]core[\\/]esm[\\/]index\.mjs$/,
  "@mantine/hooks": /[\\/]@mantine[\\/]hooks[\\/]esm[\\/]index\.mjs$/,
};

const IMPORT_RE =
  /(?:import|export)\s*(\{[^}]*\}|\*\s*as\s+[\w$]+|\*|[\w$]+(?:\s*,\s*\{[^}]*\})?)\s*from\s*["']([^"']+)["']/g;

/** Imported names of `import {a, b as c}` / `export {a}` clauses; "*" for a namespace or default import. */
function names(clause: string): string[] {
  const inner = /\{([^}]*)\}/.exec(clause)?.[1];
  if (inner === undefined || /^[\w$]+\s*,/.test(clause)) return ["*"];
  return inner
    .split(",")
    .map(
      (part) =>
        part
          .trim()
          .split(/\s+as\s+/)[0]
          ?.trim() ?? "",
    )
    .filter(Boolean);
}

/** Exported name → the module that defines it, for one barrel file. */
function barrelMap(barrel: string, source: ModuleSource): Map<string, string> {
  const local = new Map<string, string>();
  // Both groups of IMPORT_RE are required, so a match always has them.
  for (const [, clause = "", spec = ""] of (source.code ?? "").matchAll(IMPORT_RE)) {
    const target = spec.startsWith(".")
      ? path.resolve(path.dirname(barrel), spec)
      : source.importedIds.find((id) => id.includes(`${path.sep}node_modules${path.sep}${spec}${path.sep}`));
    if (target) for (const name of names(clause)) local.set(name, target);
  }
  const exported = new Map<string, string>();
  for (const [, list = ""] of (source.code ?? "").matchAll(/export\s*\{([^}]*)\}\s*;/g)) {
    for (const part of list.split(",")) {
      const [from, as = from] = part
        .trim()
        .split(/\s+as\s+/)
        .map((s) => s.trim());
      const target = from ? local.get(from) : undefined;
      if (target && as) exported.set(as, target);
    }
  }
  return exported;
}

/** id → the ids it needs, barrels resolved to the modules of the names each importer uses. */
export function importGraph(ids: Iterable<string>, info: (id: string) => ModuleSource | null) {
  const modules = new Map<string, ModuleSource>();
  for (const id of ids) {
    const source = info(id);
    if (source) modules.set(id, source);
  }
  const barrels = new Map<string, { spec: string; map: Map<string, string> }>();
  for (const [id, source] of modules) {
    const spec = Object.entries(BARRELS).find(([, re]) => re.test(id))?.[0];
    if (spec) barrels.set(id, { spec, map: barrelMap(id, source) });
  }
  const graph = new Map<string, string[]>();
  for (const [id, source] of modules) {
    const deps: string[] = [];
    for (const dep of source.importedIds) {
      const barrel = barrels.get(dep);
      if (!barrel) {
        deps.push(dep);
        continue;
      }
      const wanted = [...(source.code ?? "").matchAll(IMPORT_RE)]
        .filter(([, , spec]) => spec === barrel.spec)
        .flatMap(([, clause = ""]) => names(clause));
      const all = wanted.length === 0 || wanted.includes("*");
      for (const target of all ? barrel.map.values() : wanted.map((n) => barrel.map.get(n))) {
        if (target) deps.push(target);
      }
    }
    graph.set(id, [...new Set(deps)]);
  }
  return graph;
}
