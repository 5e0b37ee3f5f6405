import { describe, expect, it } from "vitest";
import { maskedAddress } from "./portal-address-notice.js";

describe("the new address as the old mailbox reads it", () => {
  it.each([
    ["nuevo.gerente@launica.mx", "n•••@launica.mx"],
    ["a@b.mx", "a•••@b.mx"],
    ['"dos partes"@cliente.mx', '"•••@cliente.mx'],
    ["x@y@z.mx", "x•••@z.mx"],
    ["@sin-nombre.mx", "•••@sin-nombre.mx"],
    ["sin-arroba", "•••"],
  ])("%s → %s", (email, shown) => {
    expect(maskedAddress(email)).toBe(shown);
  });
});
