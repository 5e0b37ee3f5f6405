import { describe, expect, it } from "vitest";
import { rolesOf, skillsOf } from "./repository.js";

describe("a user's stored roles and skills", () => {
  it("parse as before: unknown roles grant nothing, a list that is no list of strings is empty", () => {
    expect(rolesOf({ roles: '["admin","wizard"]' })).toEqual(["admin"]);
    expect(rolesOf({ roles: '{"admin":true}' })).toEqual([]);
    expect(skillsOf({ skills: '["redes","hosting"]' })).toEqual(["redes", "hosting"]);
    expect(skillsOf({ skills: "[1]" })).toEqual([]);
    expect(() => rolesOf({ roles: "not json" })).toThrow();
  });

  it("are parsed once per text, and each caller gets its own copy", () => {
    const first = skillsOf({ skills: '["redes"]' });
    first.push("cambiado");
    expect(skillsOf({ skills: '["redes"]' })).toEqual(["redes"]);
    const roles = rolesOf({ roles: '["technician"]' });
    roles.pop();
    expect(rolesOf({ roles: '["technician"]' })).toEqual(["technician"]);
  });
});
