import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { en as portalEn } from "../portal/i18n-en";
import { es as portalEs } from "../portal/i18n-es";
import { en } from "./en";
import { esMX } from "./es-MX";
import { formatMessage, parseMessage, type Vars } from "./message";

/** Values for every argument a message names: numbers where it counts or formats them, else text. */
function sampleVars(text: string, n: number): Vars {
  const vars: Vars = {};
  for (const [, name, type] of text.matchAll(/\{\s*(\w+)\s*(?:,\s*(\w+))?/g)) {
    vars[name!] = type === "plural" || type === "number" ? n : `«${name}»`;
  }
  return vars;
}

const reference = (text: string, locale: string, vars: Vars) =>
  String(new IntlMessageFormat(text, locale, undefined, { ignoreTag: true }).format(vars));

describe("the small ICU formatter says what intl-messageformat says", () => {
  it.each([
    ["es-MX", esMX],
    ["en", en],
    ["es-MX", portalEs],
    ["en", portalEn],
  ] as const)("every %s catalogue message, with counts 0, 1, 2 and 1234", (locale, catalogue) => {
    const differ: string[] = [];
    for (const [key, text] of Object.entries(catalogue)) {
      for (const n of [0, 1, 2, 1234]) {
        const vars = sampleVars(text, n);
        const ours = formatMessage(parseMessage(text), locale, vars);
        if (ours !== reference(text, locale, vars)) differ.push(`${key} (${n}): ${ours}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it.each([
    "It's {name}'s turn",
    "Braces: '{'literal'}' and '{name}' stay; two apostrophes: ''",
    "{n, plural, =0 {none} one {# item, '#' sign} other {# items of {name}}}",
    "{kind, select, phone {by phone} other {by {kind}}}",
    "{n, number} of {total, number}",
  ])("%s", (text) => {
    for (const n of [0, 1, 7, 12345]) {
      const vars = { name: "Ana", n, total: n * 3, kind: n === 7 ? "phone" : "mail" };
      expect(formatMessage(parseMessage(text), "es-MX", vars)).toBe(reference(text, "es-MX", vars));
    }
  });

  it("needs every value the message names, as intl-messageformat does", () => {
    expect(() => formatMessage(parseMessage("Hola {name}"), "es-MX")).toThrow();
    expect(() => formatMessage(parseMessage("Hola {name}"), "es-MX", {})).toThrow();
  });

  it.each(["Hola {name", "Hola }", "{n, plural, one {#}}", "{n, date}", "{n, plural, offset:1 other {#}}"])(
    "refuses %s",
    (text) => {
      expect(() => parseMessage(text)).toThrow(SyntaxError);
    },
  );
});
