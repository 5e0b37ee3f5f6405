import { z } from "zod";

// zod compiles object parsers with `new Function` after probing for it when the schemas are built;
// the CSP (script-src 'self', no 'unsafe-eval') refuses that and reports a violation. The web app
// uses zod's interpreted parsers instead. Imported before any schema module is evaluated.
z.config({ jitless: true });
