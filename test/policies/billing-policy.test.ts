import { describe, expect, it } from "vitest";
import type { InvoiceStatus } from "../../src/contract/billing.js";
import { refuseUnless } from "../../src/server/modules/billing/invoices.js";
import * as billing from "../../src/server/modules/billing/policy.js";
import type { InvoiceRow } from "../../src/server/modules/billing/repository.js";
import { canOpen } from "../../web/src/lib/roles.js";
import { actor, outcome, ROLES, rows, table } from "./support.js";

// billing/policy.ts (issue #14 item 11): role × action → allowed ("ok") or the refusal's status.
// Leaders and admins bill, Ventas sets rates, technicians (and client contacts) see neither.

describe("billing policy", () => {
  it("decides who bills, prices, overrides a ticket's rate, reads hour banks and sets the IVA", () => {
    expect({
      bill: table((a) => billing.requireBiller(a)),
      setRates: table((a) => billing.requireRateSetter(a)),
      readRates: table((a) => billing.requireRateReader(a)),
      overrideTicketRate: table((a) => billing.requireRateOverrider(a)),
      readHourBank: table((a) => billing.requireHourBankReader(a)),
      settings: table((a) => billing.requireBillingAdmin(a)),
    }).toEqual(
      //     admin reception leader senior technician sales client
      rows({
        bill: ["ok", 403, "ok", 403, 403, 403, 403],
        setRates: ["ok", 403, 403, 403, 403, "ok", 403],
        readRates: ["ok", 403, "ok", 403, 403, "ok", 403],
        overrideTicketRate: ["ok", 403, "ok", 403, 403, "ok", 403],
        readHourBank: ["ok", 403, "ok", 403, 403, "ok", 403],
        settings: ["ok", 403, 403, 403, 403, 403, 403],
      }),
    );
  });

  it("the web offers the billing screens to exactly the roles the policy lets in", () => {
    const screens = {
      "/billing": billing.requireBiller,
      "/rates": billing.requireRateReader,
      "/admin/tax": billing.requireBillingAdmin,
    };
    for (const [path, check] of Object.entries(screens)) {
      for (const role of ROLES.filter((r) => r !== "client")) {
        expect(canOpen(path, [role]), `${path} for ${role}`).toBe(outcome(() => check(actor(role))) === "ok");
      }
    }
  });
});

describe("invoice lifecycle", () => {
  const STATUSES: readonly InvoiceStatus[] = ["draft", "issued", "exported", "paid", "cancelled"];
  const invoice = (status: InvoiceStatus) => ({ id: "i1", folio: "F-1", status }) as InvoiceRow;
  const byStatus = (action: Parameters<typeof refuseUnless>[1]) =>
    Object.fromEntries(STATUSES.map((s) => [s, outcome(() => refuseUnless(invoice(s), action))]));

  it("edits and issues only drafts; exports issued ones; pays issued or exported; cancels until paid", () => {
    const expected = (answers: ("ok" | number)[]) =>
      Object.fromEntries(STATUSES.map((s, i) => [s, answers[i]]));
    expect({
      edit: byStatus("edit"),
      issue: byStatus("issue"),
      export: byStatus("export"),
      pay: byStatus("pay"),
      cancel: byStatus("cancel"),
    }).toEqual({
      //                draft issued exported paid cancelled
      edit: expected(["ok", 409, 409, 409, 409]),
      issue: expected(["ok", 409, 409, 409, 409]),
      export: expected([409, "ok", 409, 409, 409]),
      pay: expected([409, "ok", "ok", 409, 409]),
      cancel: expected(["ok", "ok", "ok", 409, 409]),
    });
  });
});
