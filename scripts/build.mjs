/** `npm run build`: the web app and the server, compiled once into .builds/<hash>, with `dist` pointing at it. */
import { ensureBuilt } from "./build-lib.mjs";

try {
  const { hash, built } = await ensureBuilt();
  console.error(built ? `dist → .builds/${hash}` : `Sin cambios: dist ya es la compilación ${hash}.`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
