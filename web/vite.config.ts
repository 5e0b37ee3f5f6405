import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: "dist",
    // Never empty a folder a server may be serving: `npm run build` builds into a fresh folder of
    // its own (scripts/build-lib.mjs); web/dist (dev, e2e) only gains files.
    emptyOutDir: false,
    target: "es2022",
    chunkSizeWarningLimit: 600,
    reportCompressedSize: true,
    // Two entries: the staff app, and the client portal (/portal), which shares none of its screens.
    rollupOptions: {
      input: { main: `${root}index.html`, portal: `${root}portal.html` },
    },
  },
  server: {
    port: 5173,
    proxy: { "/api": { target: "http://localhost:3100", changeOrigin: false } },
  },
});
