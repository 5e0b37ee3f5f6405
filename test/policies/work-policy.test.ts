import { describe, expect, it } from "vitest";
import * as policy from "../../src/server/modules/work/policy.js";
import { rows, table, ticket } from "./support.js";

// work/policy.ts: role × action → allowed ("ok") or refused (403). Pins today's rules.

describe("work policy", () => {
  it("decides who records time, charges and which messages", () => {
    expect({
      chargeAny: table((a) => policy.mayChargeAnyTicket(a)),
      forAnother: table((a) => policy.mayRecordForAnother(a)),
      workOnOwn: table((a) => policy.mayWorkOn(a, ticket("own", a.id))),
      note: table((a) => policy.mayWriteKind(a, "note")),
      message: table((a) => policy.mayWriteKind(a, "message")),
    }).toEqual(
      //     admin reception leader senior technician sales client
      rows({
        chargeAny: [403, 403, "ok", 403, 403, "ok", 403],
        forAnother: ["ok", 403, 403, "ok", 403, 403, 403],
        workOnOwn: ["ok", 403, 403, "ok", "ok", 403, 403],
        note: ["ok", "ok", "ok", "ok", "ok", "ok", 403],
        message: ["ok", "ok", "ok", "ok", "ok", "ok", "ok"],
      }),
    );
  });
});
