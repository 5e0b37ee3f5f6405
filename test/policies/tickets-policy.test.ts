import { describe, expect, it } from "vitest";
import * as policy from "../../src/server/modules/tickets/policy.js";
import { rows, table, ticket } from "./support.js";

// tickets/policy.ts: role × action → allowed ("ok") or the refusal's status. Pins today's rules.

describe("tickets policy", () => {
  it("lets each role see whose tickets", () => {
    // The technician table actor is u-technician: assigned to it, to someone else, another company's.
    expect(table((a) => policy.requireVisible(a, ticket("own", "u-technician")))).toEqual({
      admin: "ok",
      reception: "ok",
      leader: "ok",
      senior: "ok",
      technician: "ok",
      sales: "ok",
      client: "ok",
    });
    expect(table((a) => policy.requireVisible(a, ticket("own", "someone-else")))).toMatchObject({
      technician: 403,
      client: "ok",
    });
    expect(table((a) => policy.requireVisible(a, ticket("other", null)))).toMatchObject({
      reception: "ok",
      technician: 403,
      client: 404,
    });
    expect(table((a) => policy.requireVisible(a, undefined))).toMatchObject({ admin: 404, client: 404 });
  });

  it("decides who files, edits, reclassifies, bills, reassigns and times", () => {
    const answers = {
      file: table((a) => policy.assertMayFile(a, "own", [])),
      fileOtherCompany: table((a) => policy.assertMayFile(a, "other", [])),
      fileDeskFields: table((a) => policy.assertMayFile(a, "own", ["receivedAt"])),
      edit: table((a) => policy.assertMayEdit(a)),
      reclassify: table((a) => policy.mayReclassify(a)),
      billingStatus: table((a) => policy.maySetBillingStatus(a)),
      billableTime: table((a) => policy.mayCorrectBillableTime(a)),
      reassign: table((a) => policy.assertMayReassign(a)),
      workOnOwn: table((a) => policy.mayWorkOn(a, ticket("own", a.id))),
      workOnOthers: table((a) => policy.mayWorkOn(a, ticket("own", "someone-else"))),
      recompute: table((a) => policy.assertMayRecomputeDeadlines(a)),
      calendar: table((a) => policy.assertMayReadCalendar(a)),
    };
    //                 admin reception leader senior technician sales client
    const expected: Record<string, ("ok" | number)[]> = {
      file: ["ok", "ok", "ok", "ok", 403, 403, "ok"],
      fileOtherCompany: ["ok", "ok", "ok", "ok", 403, 403, 404],
      fileDeskFields: ["ok", "ok", "ok", "ok", 403, 403, 403],
      edit: ["ok", "ok", "ok", "ok", "ok", "ok", 403],
      reclassify: ["ok", "ok", "ok", 403, 403, 403, 403],
      billingStatus: ["ok", 403, "ok", 403, 403, 403, 403],
      billableTime: ["ok", 403, 403, "ok", 403, 403, 403],
      reassign: ["ok", "ok", "ok", 403, 403, 403, 403],
      workOnOwn: ["ok", 403, 403, "ok", "ok", 403, 403],
      workOnOthers: ["ok", 403, 403, "ok", 403, 403, 403],
      recompute: ["ok", 403, 403, 403, 403, 403, 403],
      calendar: ["ok", "ok", "ok", "ok", "ok", "ok", 403],
    };
    expect(answers).toEqual(rows(expected));
  });

  it("narrows a technician's list to its own tickets and a client's to its company", () => {
    const q = { limit: 50 } as Parameters<typeof policy.listScope>[1];
    expect(table((a) => policy.listScope(a, { ...q, clientId: "other" }))).toMatchObject({
      reception: "ok",
      client: 404,
    });
    expect(table((a) => policy.listScope(a, { ...q, assigneeId: "someone-else" }))).toMatchObject({
      technician: 403,
      sales: "ok",
    });
  });
});
