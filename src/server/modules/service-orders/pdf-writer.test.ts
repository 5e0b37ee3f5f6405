import { describe, expect, it } from "vitest";
import { writePdf } from "./pdf-writer.js";
import { parseLink } from "./token.js";

/** Every xref entry must point at its object, or readers call the file damaged. */
function xrefProblems(pdf: Buffer): string[] {
  const text = pdf.toString("latin1");
  const start = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
  if (!text.startsWith("xref", start)) return ["startxref does not point at the xref table"];
  const lines = text.slice(start).split("\n");
  const count = Number(lines[1]!.split(" ")[1]);
  const problems: string[] = [];
  for (let id = 1; id < count; id++) {
    const offset = Number(lines[2 + id]!.slice(0, 10));
    if (!text.startsWith(`${id} 0 obj`, offset)) problems.push(`object ${id} not at ${offset}`);
  }
  return problems;
}

describe("the PDF writer", () => {
  it.each([
    { name: "one short line", lines: [{ text: "Orden OS-2026-000001" }], pages: 1 },
    {
      name: "long text across pages",
      lines: Array.from({ length: 90 }, (_, i) => ({ text: `Actividad ${i} `.repeat(20) })),
      pages: 5,
    },
    { name: "no lines at all", lines: [], pages: 1 },
  ])("writes a well-formed file: $name", ({ lines, pages }) => {
    const pdf = writePdf(lines, "Prueba");
    expect(pdf.subarray(0, 8).toString()).toBe("%PDF-1.4");
    expect(xrefProblems(pdf)).toEqual([]);
    expect(pdf.toString("latin1").match(/\/Type \/Page /g)?.length ?? 0).toBeGreaterThanOrEqual(pages);
  });

  it.each([
    { text: "Cierre (parcial) \\ fin", shows: "(Cierre \\(parcial\\) \\\\ fin)" },
    { text: "Acción ñ", shows: "(Acci\\363n \\361)" },
    { text: "Emoji 🙂 y 中文", shows: "(Emoji ? y ??)" },
    { text: "Salto\r\nde línea", shows: "(Salto de l\\355nea)" },
  ])("escapes $text so it cannot break the content stream", ({ text, shows }) => {
    expect(writePdf([{ text }], "x").toString("latin1")).toContain(`${shows} Tj`);
  });
});

describe("acceptance link tokens", () => {
  const id = "0b6c5a1e-3f1d-4c8e-9a2b-7d4e5f6a7b8c";
  const sig = "a".repeat(43);
  it.each([
    [`${id}.1800000000.${sig}`, { id, exp: "1800000000", sig }],
    [` ${id}.1800000000.${sig}\n`, { id, exp: "1800000000", sig }],
    [`${id}.1800000000.${sig}x`, null],
    [`${id}.-1.${sig}`, null],
    [`${id}.1800000000`, null],
    ["", null],
    ["../../etc/passwd", null],
  ])("parses %j", (token, parsed) => {
    expect(parseLink(token)).toEqual(parsed);
  });
});
