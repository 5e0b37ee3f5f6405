import { describe, expect, it } from "vitest";
import * as policy from "../../src/server/modules/clients/policy.js";
import { rows, table } from "./support.js";

// clients/policy.ts: role × action → allowed ("ok") or the refusal's status. The client contact
// belongs to company `own`; another company's records answer 404 like missing ones.

describe("clients policy", () => {
  it("decides who edits and reads clients, contacts and the firm's data", () => {
    expect({
      editClients: table((a) => policy.assertMayEditClients(a)),
      endCredit: table((a) => policy.mayEndCredit(a)),
      readOwnClient: table((a) => policy.assertMayReadClient(a, "own")),
      readOtherClient: table((a) => policy.assertMayReadClient(a, "other")),
      searchClients: table((a) => policy.assertMaySearchClients(a)),
      editContacts: table((a) => policy.assertMayEditContacts(a)),
      grantPortalAdmin: table((a) => policy.assertMayGrantPortalAdmin(a)),
      listOwnContacts: table((a) => policy.assertMayListContacts(a, "own")),
      listEveryContact: table((a) => policy.assertMayListContacts(a, undefined)),
      readOtherContact: table((a) => policy.assertMayReadContact(a, { client_id: "other" })),
      lookUpCallers: table((a) => policy.assertMayLookUpCallers(a)),
    }).toEqual(
      //     admin reception leader senior technician sales client
      rows({
        editClients: ["ok", "ok", "ok", 403, 403, "ok", 403],
        endCredit: ["ok", 403, 403, 403, 403, "ok", 403],
        readOwnClient: ["ok", "ok", "ok", "ok", "ok", "ok", "ok"],
        readOtherClient: ["ok", "ok", "ok", "ok", "ok", "ok", 404],
        searchClients: ["ok", "ok", "ok", "ok", "ok", "ok", 403],
        editContacts: ["ok", "ok", "ok", "ok", "ok", "ok", 403],
        grantPortalAdmin: ["ok", "ok", "ok", 403, 403, "ok", 403],
        listOwnContacts: ["ok", "ok", "ok", "ok", "ok", "ok", "ok"],
        listEveryContact: ["ok", "ok", "ok", "ok", "ok", "ok", 403],
        readOtherContact: ["ok", "ok", "ok", "ok", "ok", "ok", 404],
        lookUpCallers: ["ok", "ok", "ok", "ok", "ok", "ok", 403],
      }),
    );
  });
});
