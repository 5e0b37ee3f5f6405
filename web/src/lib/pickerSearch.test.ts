import type { ComboboxItem, ComboboxParsedItem } from "@mantine/core";
import { describe, expect, it } from "vitest";
import { foldedFilter, typedOption } from "./pickerSearch";

const options: ComboboxItem[] = [
  { value: "1", label: "Clínica Dental Roma" },
  { value: "2", label: "Ferretería Núñez" },
  { value: "3", label: "José Ángel Gutiérrez" },
];
const labels = (search: string, limit = Number.POSITIVE_INFINITY) =>
  foldedFilter({ options, search, limit }).map((o) => ("group" in o ? o.group : o.label));

describe("picker search ignores accents and case, like ticket search", () => {
  it.each([
    ["clinica", ["Clínica Dental Roma"]],
    ["Clín", ["Clínica Dental Roma"]],
    ["FERRETERIA", ["Ferretería Núñez"]],
    ["nunez", ["Ferretería Núñez"]],
    ["  jose   angel ", ["José Ángel Gutiérrez"]],
    ["angel gutierrez", ["José Ángel Gutiérrez"]],
    ["zzz", []],
    ["", ["Clínica Dental Roma", "Ferretería Núñez", "José Ángel Gutiérrez"]],
  ])("%j → %j", (search, expected) => {
    expect(labels(search)).toEqual(expected);
  });

  it("keeps to the limit", () => {
    expect(labels("", 2)).toEqual(["Clínica Dental Roma", "Ferretería Núñez"]);
  });

  it("filters inside groups", () => {
    const grouped: ComboboxParsedItem[] = [{ group: "Clientes", items: options.slice(0, 2) }];
    expect(foldedFilter({ options: grouped, search: "ferreteria", limit: 10 })).toEqual([
      { group: "Clientes", items: [options[1]] },
    ]);
  });
});

describe("a text left typed in a picker", () => {
  const categories: ComboboxItem[] = [
    { value: "redes", label: "Redes" },
    { value: "hosting", label: "Hospedaje" },
    { value: "windows-server", label: "Windows Server" },
    { value: "soporte", label: "Soporte general" },
    { value: "microsip", label: "Microsip" },
  ];
  it.each([
    ["redes", "redes"],
    ["  REDES ", "redes"],
    ["hospedaje", "hosting"],
    ["hosting", "hosting"],
    ["windows", "windows-server"],
    ["soporte general", "soporte"],
    // Several hold it, or none: nothing is guessed.
    ["s", null],
    ["xyz", null],
    ["", null],
  ])("«%s» stands for %s", (text, value) => {
    expect(typedOption(categories, text)).toBe(value);
  });
});
