import { describe, expect, it } from "vitest";
import { guessCaller } from "./guess";

describe("a new client from what was typed at «¿Quién llama?»", () => {
  it.each(["(33) 1234-5678", "33 1234 5678", "3312345678", "+1 212 555 0100", "(444) 812-3460 ext. 12"])(
    "%s is the phone",
    (typed) => {
      expect(guessCaller(` ${typed} `)).toEqual({ phone: typed, contactPhone: typed });
    },
  );

  it("an email is the email, anything else the name", () => {
    expect(guessCaller("ana@acme.mx")).toEqual({ email: "ana@acme.mx", contactEmail: "ana@acme.mx" });
    expect(guessCaller("Ferretería (Centro)")).toEqual({ name: "Ferretería (Centro)" });
    expect(guessCaller("Acme 2000")).toEqual({ name: "Acme 2000" });
  });
});
