import { describe, expect, it } from "vitest";
import { autoReplyRefusal, bareAddress, folioIn, headerSafe, messageIds, rawHeaders } from "./headers.js";

describe("mail headers", () => {
  it("strips every line break from a header value", () => {
    expect(headerSafe("Falla\r\nBcc: victima@x.com\nX: y")).toBe("Falla Bcc: victima@x.com X: y");
  });
  it("makes a subject one line, tabs included: it becomes a ticket's title", () => {
    expect(headerSafe("Impresora\tno imprime a\tb\u000bc\fd")).toBe("Impresora no imprime a b c d");
  });
  it("reads addresses, folios and Message-IDs", () => {
    expect(bareAddress('"Ana" <Ana@Cliente.MX>')).toBe("ana@cliente.mx");
    expect(bareAddress("no address")).toBeNull();
    expect(folioIn("Re: [OS-2026-000042] Falla")).toBe("OS-2026-000042");
    expect(messageIds("<a@b> <c@d>")).toEqual(["<a@b>", "<c@d>"]);
  });
  it("refuses to answer robots, lists and itself", () => {
    const own = ["soporte@encor.mx"];
    const ok = { from: "ana@cliente.mx" };
    expect(autoReplyRefusal(ok, own)).toBeNull();
    expect(autoReplyRefusal({ ...ok, autoSubmitted: "no" }, own)).toBeNull();
    expect(autoReplyRefusal({ ...ok, autoSubmitted: "auto-replied" }, own)).toMatch(/Auto-Submitted/);
    expect(autoReplyRefusal({ ...ok, precedence: "bulk" }, own)).toMatch(/bulk/);
    expect(autoReplyRefusal({ ...ok, listId: "<l.x>" }, own)).toBe("List-Id");
    expect(autoReplyRefusal({ from: "MAILER-DAEMON@x.com".toLowerCase() }, own)).toMatch(/automático/);
    expect(autoReplyRefusal({ from: "no-reply@x.com" }, own)).toMatch(/automático/);
    expect(autoReplyRefusal({ from: "soporte@encor.mx" }, own)).toMatch(/propia/);
  });
  it("reads folded raw headers", () => {
    const h = rawHeaders(Buffer.from("Subject: a\r\n b\r\nMessage-ID: <x@y>\r\n\r\nbody"));
    expect(h.get("subject")).toBe("a b");
    expect(h.get("message-id")).toBe("<x@y>");
  });
});
