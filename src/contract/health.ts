import { z } from "zod";

const Check = z.object({ ok: z.boolean(), message: z.string() });

export const Alive = z.object({ ok: z.literal(true) });

export const Ready = z
  .object({
    ready: z.boolean(),
    checks: z.object({ database: Check, migrations: Check, storage: Check }),
    failing: z.array(z.enum(["database", "migrations", "storage"])),
  })
  .meta({ description: "Cada verificación con su resultado; `failing` nombra las que fallan." });
