import { describe, expect, it } from "vitest";
import * as contracts from "../../src/server/modules/contracts/policy.js";
import * as surveys from "../../src/server/modules/surveys/policy.js";
import { rows, table } from "./support.js";

// contracts/policy.ts and surveys/policy.ts: role × action → allowed ("ok") or the refusal's status.

describe("contracts policy", () => {
  it("decides who edits and reads contracts and contract types", () => {
    expect({
      edit: table((a) => contracts.assertMayEditContracts(a)),
      readOther: table((a) => contracts.assertMayReadContract(a, { client_id: "other" })),
      listOwn: table((a) => contracts.assertMayListContracts(a, "own")),
      listAll: table((a) => contracts.assertMayListContracts(a, undefined)),
      readTypes: table((a) => contracts.assertMayReadContractTypes(a)),
      editTypes: table((a) => contracts.assertMayEditContractTypes(a)),
    }).toEqual(
      //     admin reception leader senior technician sales client
      rows({
        edit: ["ok", 403, "ok", 403, 403, "ok", 403],
        readOther: ["ok", "ok", "ok", "ok", "ok", "ok", 404],
        listOwn: ["ok", "ok", "ok", "ok", "ok", "ok", "ok"],
        listAll: ["ok", "ok", "ok", "ok", "ok", "ok", 403],
        readTypes: ["ok", "ok", "ok", "ok", "ok", "ok", 403],
        editTypes: ["ok", 403, 403, 403, 403, 403, 403],
      }),
    );
  });
});

describe("surveys policy", () => {
  it("decides who works the queue, records surveys and logs attempts", () => {
    expect({
      queue: table((a) => surveys.assertMaySeeSurveyQueue(a)),
      record: table((a) => surveys.mayRecordSurvey(a)),
      attempt: table((a) => surveys.assertMayLogSurveyAttempt(a)),
    }).toEqual(
      rows({
        queue: ["ok", "ok", "ok", 403, 403, 403, 403],
        record: ["ok", "ok", 403, 403, 403, 403, "ok"],
        attempt: ["ok", "ok", 403, 403, 403, 403, 403],
      }),
    );
  });
});
