/** Entry point of `npm run backup -- <file>` (the work is in commands.ts). */
import { runCli } from "./cli.js";
import { backupCommand } from "./commands.js";

await runCli("npm run backup -- <archivo>", backupCommand);
