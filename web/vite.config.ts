import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { chunkGroups } from "./build/chunks.js";
import { preloadDynamicStart } from "./build/preload.js";

const root = fileURLToPath(new URL(".", import.meta.url));
const chunks = chunkGroups();

export default defineConfig({
  root,
  plugins: [
    react(),
    chunks.plugin,
    preloadDynamicStart("/index.html", "/src/start.tsx", [
      "/src/components/AppLayout.tsx",
      "/src/pages/queue/QueuePage.tsx",
    ]),
  ],
  build: {
    outDir: "dist",
    // Never empty a folder a server may be serving: `npm run build` builds into a fresh folder of
    // its own (scripts/build-lib.mjs); web/dist (dev, e2e) only gains files.
    emptyOutDir: false,
    target: "es2022",
    chunkSizeWarningLimit: 600,
    // Every browser Mesa supports preloads modules natively: no polyfill file on the critical path.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
    // Two entries: the staff app, and the client portal (/portal), which shares none of its screens.
    rollupOptions: {
      input: { main: `${root}index.html`, portal: `${root}portal.html` },
      // A few files per screen rather than dozens (web/build/chunks.ts).
      output: { codeSplitting: chunks.options },
    },
  },
  server: {
    port: 5173,
    proxy: { "/api": { target: "http://localhost:3100", changeOrigin: false } },
  },
});
