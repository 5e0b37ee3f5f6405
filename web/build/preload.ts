/**
 * index.html names every file of the app the entry imports dynamically (start.tsx: the app, its
 * stylesheets and the chunks it imports), as `modulepreload` and stylesheet links: the browser fetches
 * them while it parses the page, together with the small entry, instead of after running it.
 * The same for the signed-in shell and the queue (`also`): a cold load of the queue fetches all its
 * code at once rather than after the session check answers, and after a sign-in at the login screen
 * the shell is already there.
 * The scripts come before the stylesheets, largest first: over HTTP/1.1 a browser opens six
 * connections to a server, and the session check, the setup state and the entry's two small files
 * take four; the two large scripts, whose download and compilation are the longest path to the first
 * screen, take the other two, and the stylesheets and the small ones follow as the first answers free
 * a connection (a stylesheet is needed only to paint, after the scripts have run).
 */
import type { HtmlTagDescriptor, Plugin } from "vite";

interface BuiltChunk {
  type: "chunk";
  fileName: string;
  code?: string;
  moduleIds: string[];
  imports: string[];
  dynamicImports: string[];
  viteMetadata?: { importedCss: Set<string> };
}

/** The chunk and every chunk it imports statically, dependencies first (the stylesheets' order). */
function withImports(bundle: Record<string, unknown>, fileName: string, out: string[] = []): string[] {
  const chunk = bundle[fileName] as BuiltChunk | undefined;
  if (chunk?.type !== "chunk" || out.includes(fileName)) return out;
  for (const dep of chunk.imports) withImports(bundle, dep, out);
  if (!out.includes(fileName)) out.push(fileName);
  return out;
}

const holding = (bundle: Record<string, unknown>, suffix: string) =>
  Object.keys(bundle).find((file) =>
    (bundle[file] as BuiltChunk).moduleIds?.some((id) => id.endsWith(suffix)),
  );

export function preloadDynamicStart(html: string, moduleSuffix: string, also: string[] = []): Plugin {
  return {
    name: "mesa-preload-start",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        const { bundle, chunk: entry } = ctx;
        if (!bundle || !entry || ctx.path !== html) return [];
        const already = new Set(withImports(bundle, entry.fileName));
        const start = [...already]
          .flatMap((file) => (bundle[file] as BuiltChunk).dynamicImports)
          .find((file) =>
            (bundle[file] as BuiltChunk | undefined)?.moduleIds.some((id) => id.endsWith(moduleSuffix)),
          );
        if (!start) return [];
        const files: string[] = [];
        for (const root of [start, ...also.map((suffix) => holding(bundle, suffix))]) {
          if (root) withImports(bundle, root, files);
        }
        const fresh = files.filter((file) => !already.has(file));
        const css = fresh.flatMap((file) => [
          ...((bundle[file] as BuiltChunk).viteMetadata?.importedCss ?? []),
        ]);
        const link = (rel: string, href: string): HtmlTagDescriptor => ({
          tag: "link",
          attrs: { rel, crossorigin: true, href: `/${href}` },
          injectTo: "head",
        });
        const size = (file: string) => (bundle[file] as BuiltChunk).code?.length ?? 0;
        return [
          ...fresh.sort((a, b) => size(b) - size(a)).map((file) => link("modulepreload", file)),
          ...css.map((file) => link("stylesheet", file)),
        ];
      },
    },
  };
}
