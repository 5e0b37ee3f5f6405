/**
 * The plain stand-ins (plain.tsx) render the very markup of the Mantine components they replace in
 * ticket rows: a Mantine upgrade that changes its classes, attributes or variables fails here.
 */
import { Anchor, Badge, Button, Group, MantineProvider, Stack, Table, Text } from "@mantine/core";
import { type FC, createElement as h, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Link, MemoryRouter } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { theme } from "../mount";
import {
  PlainBadge,
  PlainButton,
  PlainGroup,
  PlainLink,
  PlainStack,
  PlainTd,
  PlainText,
  PlainTr,
} from "./plain";

/** Attributes (and a style's declarations) in order: the order is not part of what the browser shows. */
function normalize(tag: string): string {
  const [, name = "", rest = ""] = /^<(\w+)(.*?)>$/s.exec(tag) ?? [];
  const attributes = [...rest.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, key, value]) =>
    key === "style" ? `style="${value!.split(";").sort().join(";")}"` : `${key}="${value}"`,
  );
  return `<${name} ${attributes.sort().join(" ")}>`;
}

function html(node: ReactNode): string {
  const markup = renderToStaticMarkup(h(MantineProvider, { theme }, h(MemoryRouter, null, node)));
  return markup.replace(/<style[^>]*>.*?<\/style>/gs, "").replace(/<\w+[^>]*>/g, normalize);
}

/** A row inside TicketTable's kind of table (Mantine's cells read its context). */
const inTable = (row: ReactNode) =>
  h(Table, { striped: true, highlightOnHover: true }, h(Table.Tbody, null, row));

const noop = () => undefined;
// Polymorphic components (their props depend on `component`), loosely typed for createElement.
const MText = Text as unknown as FC<Record<string, unknown>>;
const MAnchor = Anchor as unknown as FC<Record<string, unknown>>;
const MBadge = Badge as unknown as FC<Record<string, unknown>>;
const MButton = Button as unknown as FC<Record<string, unknown>>;

describe("plain stand-ins for Mantine components", () => {
  it("table rows and cells", () => {
    const mantine = h(
      Table.Tr,
      { "data-testid": "ticket-row" } as object,
      h(Table.Td, { className: "mesa-nowrap" }, "x"),
    );
    const plain = h(PlainTr, { "data-testid": "ticket-row" }, h(PlainTd, { className: "mesa-nowrap" }, "x"));
    expect(html(inTable(plain))).toBe(html(inTable(mantine)));
    expect(html(inTable(h(PlainTr, null, h(PlainTd, null, "y"))))).toBe(
      html(inTable(h(Table.Tr, null, h(Table.Td, null, "y")))),
    );
  });

  it("text in both sizes, clamped, weighted and dimmed", () => {
    expect(html(h(PlainText, { size: "sm", clamp: true, fw: 500 }, "a"))).toBe(
      html(h(MText, { size: "sm", fw: 500, lineClamp: 1 }, "a")),
    );
    expect(html(h(PlainText, { size: "xs", clamp: true, dimmed: true }, "b"))).toBe(
      html(h(MText, { size: "xs", c: "dimmed", lineClamp: 1 }, "b")),
    );
    expect(html(h(PlainText, { size: "sm" }, "c"))).toBe(html(h(MText, { size: "sm" }, "c")));
  });

  it("a router link with Anchor's look", () => {
    expect(html(h(PlainLink, { to: "/tickets/1", className: "mesa-folio", fw: 600 }, "OS-1"))).toBe(
      html(h(MAnchor, { component: Link, to: "/tickets/1", className: "mesa-folio", fw: 600 }, "OS-1")),
    );
  });

  it("stack and group", () => {
    expect(html(h(PlainStack, { gap: 2 }, "s"))).toBe(html(h(Stack, { gap: 2 }, "s")));
    expect(html(h(PlainGroup, { gap: 6 }, "g"))).toBe(html(h(Group, { gap: 6, wrap: "nowrap" }, "g")));
  });

  it("badges in every color and variant the ticket badges use", () => {
    for (const color of [
      "blue",
      "indigo",
      "violet",
      "cyan",
      "teal",
      "gray",
      "dark",
      "green",
      "orange",
      "red",
    ]) {
      for (const variant of ["filled", "light"] as const) {
        expect(html(h(PlainBadge, { color, variant, "data-sla": "ok", title: "t" }, "B"))).toBe(
          html(h(MBadge, { color, variant, "data-sla": "ok", title: "t" }, "B")),
        );
      }
    }
  });

  it("the small buttons, filled and default", () => {
    for (const variant of ["filled", "default"] as const) {
      expect(html(h(PlainButton, { variant, onClick: noop }, "Asignar"))).toBe(
        html(h(MButton, { size: "xs", variant, onClick: noop }, "Asignar")),
      );
    }
  });
});
