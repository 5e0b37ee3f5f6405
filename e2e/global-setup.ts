import { buildWeb } from "./build-web";

/** Vitest globalSetup for the e2e project: a production build of web/dist once before the browser specs. */
export default function setup(): void {
  buildWeb();
}
