/** Entry point of `npm run restore -- <file>` (the work is in commands.ts). */
import { runCli } from "./cli.js";
import { restoreCommand } from "./commands.js";

await runCli("npm run restore -- <archivo>", restoreCommand);
