import { describe, expect, it } from "vitest";
import { type CandidateFacts, rankCandidates } from "./assignment.js";

const base: CandidateFacts = {
  id: "x",
  name: "X",
  skills: [],
  openTickets: 0,
  ticketsWithClient: 0,
  ticketsInCategory: 0,
  isAccountTechnician: false,
};
const tech = (over: Partial<CandidateFacts>): CandidateFacts => ({ ...base, ...over });

describe("rankCandidates", () => {
  it.each([
    {
      name: "the trained technician goes first",
      candidates: [tech({ id: "a", name: "Ana" }), tech({ id: "b", name: "Beto", skills: ["fortigate"] })],
      category: "fortigate",
      first: "b",
    },
    {
      name: "the client's account technician beats a stranger with the same skills",
      candidates: [
        tech({ id: "a", name: "Ana", skills: ["redes"] }),
        tech({ id: "b", name: "Beto", skills: ["redes"], isAccountTechnician: true }),
      ],
      category: "redes",
      first: "b",
    },
    {
      name: "a heavy load pushes a technician down",
      candidates: [
        tech({ id: "a", name: "Ana", skills: ["redes"], openTickets: 9 }),
        tech({ id: "b", name: "Beto", skills: ["redes"], openTickets: 1 }),
      ],
      category: "redes",
      first: "b",
    },
    {
      name: "history with the client counts when nobody has the skill",
      candidates: [tech({ id: "a", name: "Ana" }), tech({ id: "b", name: "Beto", ticketsWithClient: 3 })],
      category: "hosting",
      first: "b",
    },
    {
      name: "ties go to the lighter load",
      candidates: [
        tech({ id: "a", name: "Ana", openTickets: 0 }),
        tech({ id: "b", name: "Beto", openTickets: 0 }),
      ],
      category: null,
      first: "a",
    },
  ])("$name", ({ candidates, category, first }) => {
    expect(rankCandidates(candidates, category)[0]!.id).toBe(first);
  });

  it("explains every ranking with codes and their parameters", () => {
    const [top] = rankCandidates(
      [
        tech({
          id: "b",
          name: "Beto",
          skills: ["fortigate"],
          isAccountTechnician: true,
          ticketsWithClient: 2,
          openTickets: 1,
        }),
      ],
      "fortigate",
    );
    expect(top!.reasons).toEqual([
      { code: "assign.reason.skill", params: { category: "fortigate" } },
      { code: "assign.reason.account_technician", params: {} },
      { code: "assign.reason.client_history", params: { count: 2 } },
      { code: "assign.reason.load", params: { count: 1 } },
    ]);
  });

  it("names category experience and an empty queue by code", () => {
    const [top] = rankCandidates([tech({ ticketsInCategory: 4 })], "redes");
    expect(top!.reasons).toEqual([
      { code: "assign.reason.category_history", params: { count: 4, category: "redes" } },
      { code: "assign.reason.no_load", params: {} },
    ]);
  });
});
