/**
 * The production build shared by `npm run build` and `npm start` (plain JavaScript: it runs before
 * anything is compiled, and in a tree installed with `npm ci --omit=dev`).
 *
 * Layout: each build lives in `.builds/<hash of the sources>/` (server/, domain/, contract/ compiled
 * by tsgo; web/ by Vite, with .br/.gz next to each asset) and `dist` is a relative symlink to the
 * current one. A build is made in a private temporary folder, renamed into place, and `dist` is
 * switched by renaming a new symlink over it: a server already running keeps serving its own
 * folder (it resolved the real path at start and marks it in `.serving/`), so nothing it serves is
 * ever emptied or deleted under it.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import zlib from "node:zlib";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const BUILDS = path.join(ROOT, ".builds");
export const DIST = path.join(ROOT, "dist");

/** What a build is made from: a change to any of these makes `npm start` build again. */
const SOURCES = ["src", "web", "package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json"];
const BUILD_SCRIPTS = ["scripts/build-lib.mjs"];
const SKIP = /(^|\/)(dist|node_modules)(\/|$)|\.test\.ts$/;

function listFiles(rel, out) {
  const abs = path.join(ROOT, rel);
  let stat;
  try {
    stat = fs.statSync(abs);
  } catch {
    return;
  }
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(abs).sort()) {
      const child = `${rel}/${name}`;
      if (!SKIP.test(child)) listFiles(child, out);
    }
  } else if (stat.isFile()) out.push(rel);
}

/** Content hash of the source tree (not mtimes: a fresh clone or a checkout rewrites those). */
export function sourceHash() {
  const files = [];
  for (const rel of [...SOURCES, ...BUILD_SCRIPTS]) listFiles(rel, files);
  const hash = createHash("sha256");
  for (const rel of files) {
    hash.update(`${rel}\0`);
    hash.update(fs.readFileSync(path.join(ROOT, rel)));
    hash.update("\0");
  }
  return { hash: hash.digest("hex").slice(0, 16), files: files.length };
}

/** The build `dist` points at, or null (no build yet, or an unfinished one). */
export function currentBuild() {
  try {
    return JSON.parse(fs.readFileSync(path.join(DIST, "BUILD.json"), "utf8"));
  } catch {
    return null;
  }
}

function isComplete(dir) {
  return fs.existsSync(path.join(dir, "BUILD.json"));
}

function run(cmd, args, env = {}) {
  return new Promise((resolve, reject) => {
    const bin = path.join(ROOT, "node_modules", ".bin", cmd);
    if (!fs.existsSync(bin)) {
      reject(
        new Error(
          `No se puede compilar: falta ${cmd} (las herramientas de compilación son devDependencies). ` +
            "Compila con `npm ci && npm run build` y copia el árbol compilado, o instala con `npm ci`.",
        ),
      );
      return;
    }
    const child = spawn(bin, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} terminó con código ${code}`)),
    );
  });
}

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map|webmanifest)$/;

/** Brotli (max quality) and gzip (level 9) copies of every compressible asset over 1 KB, served as is. */
async function precompress(dir) {
  const brotli = promisify(zlib.brotliCompress);
  const gzip = promisify(zlib.gzip);
  const jobs = [];
  for (const name of fs.readdirSync(dir, { recursive: true })) {
    const file = path.join(dir, String(name));
    if (!COMPRESSIBLE.test(file) || !fs.statSync(file).isFile()) continue;
    const raw = fs.readFileSync(file);
    if (raw.length < 1024) continue;
    jobs.push(
      brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).then((b) =>
        fs.writeFileSync(`${file}.br`, b),
      ),
      gzip(raw, { level: 9 }).then((g) => fs.writeFileSync(`${file}.gz`, g)),
    );
  }
  await Promise.all(jobs);
}

async function buildInto(tmp, hash) {
  fs.mkdirSync(tmp, { recursive: true });
  // Vite honours NODE_ENV; under a test runner it would ship React's development build.
  const web = run(
    "vite",
    [
      "build",
      "--config",
      "web/vite.config.ts",
      "--logLevel",
      "warn",
      "--outDir",
      path.join(tmp, "web"),
      "--emptyOutDir",
    ],
    { NODE_ENV: "production" },
  );
  const server = run("tsc", ["-p", "tsconfig.build.json", "--outDir", tmp]);
  await Promise.all([web, server]);
  await precompress(path.join(tmp, "web", "assets"));
  const stamp = { hash, builtAt: new Date().toISOString(), node: process.version };
  fs.writeFileSync(path.join(tmp, "BUILD.json"), `${JSON.stringify(stamp, null, 2)}\n`);
}

/** Points `dist` at a finished build in one rename (readers see the old or the new, never neither). */
function switchDist(hash) {
  const link = path.join(ROOT, `.dist-${process.pid}-${Date.now()}`);
  fs.symlinkSync(path.join(".builds", hash), link);
  const stat = fs.lstatSync(DIST, { throwIfNoEntry: false });
  if (stat && !stat.isSymbolicLink()) {
    // A `dist/` folder from an older layout: set it aside rather than delete what may be in use.
    fs.renameSync(DIST, path.join(BUILDS, `legacy-${Date.now()}`));
  }
  fs.renameSync(link, DIST);
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}

/** A build is in use while a live server on this host has its marker in `.serving/`. */
function inUse(dir) {
  let markers = [];
  try {
    markers = fs.readdirSync(path.join(dir, ".serving"));
  } catch {
    return false;
  }
  return markers.some((m) => {
    const [host, pid] = m.split("~");
    return host !== os.hostname() || pidAlive(Number(pid));
  });
}

/** Removes builds nothing points at and no server serves, and temporary folders of dead builds. */
export function prune(keep) {
  if (!fs.existsSync(BUILDS)) return;
  for (const name of fs.readdirSync(BUILDS)) {
    const dir = path.join(BUILDS, name);
    const tmp = /^tmp-(\d+)-/.exec(name);
    if (name === keep || (tmp ? pidAlive(Number(tmp[1])) : inUse(dir))) continue;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Makes `dist` a complete build of the current sources: nothing to do when it already is (a hash
 * of ~300 small files, a few ms), a rename when that build exists, otherwise a build.
 */
export async function ensureBuilt({ log = console.error } = {}) {
  const { hash } = sourceHash();
  const current = currentBuild();
  if (current?.hash === hash) return { hash, built: false };
  if (current && !fs.existsSync(path.join(ROOT, "node_modules", ".bin", "vite"))) {
    // A production install (`npm ci --omit=dev`) cannot build; serving the build it has beats not serving.
    log(
      `Aviso: las fuentes no coinciden con la compilación ${current.hash} y no hay herramientas para compilar; se usa esa.`,
    );
    return { hash: current.hash, built: false };
  }
  const target = path.join(BUILDS, hash);
  if (!isComplete(target)) {
    log(`Compilando Mesa (${hash})…`);
    const started = Date.now();
    const tmp = path.join(BUILDS, `tmp-${process.pid}-${Date.now()}`);
    try {
      await buildInto(tmp, hash);
      try {
        fs.renameSync(tmp, target);
      } catch (err) {
        // Another `npm start` finished the same build first; its copy is as good as ours.
        if (!isComplete(target)) throw err;
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    log(`Compilado en ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  switchDist(hash);
  prune(hash);
  return { hash, built: true };
}
