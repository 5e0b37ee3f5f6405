/**
 * The entry: small, so it runs as soon as it arrives. It starts the session check, the screen's data
 * and chunks (boot.ts), then the app (start.tsx), whose files index.html already preloads
 * (web/build/preload.ts).
 */
import { boot } from "./boot";

boot();
void import("./start");
