import { describe, expect, it } from "vitest";
import {
  type Coverage,
  categoryDecidesKind,
  coverageFromStored,
  coverageToStored,
  coveringContract,
  coversCategory,
  kindMarks,
  setsKindByHand,
} from "./contract-coverage.js";

const sh = { id: "sh", coverage: ["hosting"] as Coverage };
const sf = { id: "sf", coverage: ["fortigate", "redes"] as Coverage };
const ss = { id: "ss", coverage: "all" as Coverage };
const nothing = { id: "none", coverage: [] as Coverage };

describe("coveringContract", () => {
  it.each([
    ["SH only, printer request → event", [sh], "impresoras", null],
    ["SH only, hosting request → SH", [sh], "hosting", "sh"],
    ["SH only, not classified → SH (as before coverage)", [sh], null, "sh"],
    ["SF covering redes → SF", [sf], "redes", "sf"],
    ["SH then SF, redes → SF (the one that covers)", [sh, sf], "redes", "sf"],
    ["SH then SF, not classified → SH (the preferred one)", [sh, sf], null, "sh"],
    ["SH then SS («todas»), printer → SS", [sh, ss], "impresoras", "ss"],
    ["SS («todas») then SH, hosting → SS (the preferred one)", [ss, sh], "hosting", "ss"],
    ["a type covering nothing, printer → event", [nothing], "impresoras", null],
    ["a type covering nothing, not classified → it", [nothing], null, "none"],
    ["no contract in force → event", [], "redes", null],
    ["no contract in force, not classified → event", [], null, null],
  ])("%s", (_case, contracts, category, expected) => {
    expect(coveringContract(contracts, category)?.id ?? null).toBe(expected);
  });
});

describe("coversCategory", () => {
  it.each([
    ["all", "impresoras", true],
    ["all", null, true],
    [["hosting"], "hosting", true],
    [["hosting"], "Hosting", false],
    [["hosting"], "impresoras", false],
    [["hosting"], null, true],
  ] as [Coverage, string | null, boolean][])("%j covers %s → %s", (coverage, category, expected) => {
    expect(coversCategory(coverage, category)).toBe(expected);
  });
});

describe("stored coverage", () => {
  it.each([
    [null, "all"],
    ['["redes","fortigate"]', ["redes", "fortigate"]],
    ["[]", []],
    ["not json", "all"],
    ['{"a":1}', "all"],
    ["[1,2]", "all"],
  ] as [string | null, Coverage][])("%j reads as %j", (stored, coverage) => {
    expect(coverageFromStored(stored)).toEqual(coverage);
  });

  it("writes «todas» as null and a list sorted without repeats", () => {
    expect(coverageToStored("all")).toBeNull();
    expect(coverageToStored(["redes", "fortigate", "redes"])).toBe('["fortigate","redes"]');
    expect(coverageFromStored(coverageToStored(["b", "a"]))).toEqual(["a", "b"]);
  });
});

describe("categoryDecidesKind: whether a new category decides a ticket's kind again", () => {
  it.each([
    [{ responded: false, kindSetByHand: false }, true],
    [{ responded: true, kindSetByHand: false }, false],
    [{ responded: false, kindSetByHand: true }, false],
    [{ responded: true, kindSetByHand: true }, false],
  ])("%j → %s", (ticket, decides) => {
    expect(categoryDecidesKind(ticket)).toBe(decides);
  });
});

describe("kind marks: what an edit's history says of its kind, and what a later edit reads of it", () => {
  it.each([
    // A new category decided it: not by hand.
    [{ kindChanged: true, kindNamed: undefined, kindBefore: "event" }, { kindByCoverage: true }],
    // Changed by hand: the change itself says so.
    [{ kindChanged: true, kindNamed: "contract", kindBefore: "event" }, {}],
    // Named as it is, with its reason: kept by hand.
    [{ kindChanged: false, kindNamed: "contract", kindBefore: "contract" }, { kindKeptByHand: "contract" }],
    // Not named, not changed.
    [{ kindChanged: false, kindNamed: undefined, kindBefore: "event" }, {}],
  ])("%j → %j", (edit, marks) => {
    expect(kindMarks(edit)).toEqual(marks);
  });

  it.each([
    [{ service_kind: { from: "event", to: "contract" } }, true],
    [{ service_kind: { from: "event", to: "contract" }, kindByCoverage: true as const }, false],
    [{ category: { from: "redes", to: "hosting" }, kindKeptByHand: "contract" }, true],
    [{ category: { from: "redes", to: "hosting" } }, false],
    [{}, false],
  ])("setsKindByHand(%j) → %s", (changes, byHand) => {
    expect(setsKindByHand(changes)).toBe(byHand);
  });
});
