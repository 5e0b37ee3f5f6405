/**
 * The shipped mail templates are found both from the sources (`src/server/mail`) and from a
 * compiled tree (`.builds/<hash>/server/mail`, one level deeper): a built server that looked one
 * level too high failed every ticket of a contact with an e-mail (the auto-reply), and `npm run demo`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { shippedTemplatesDir } from "../src/server/modules/mail/templates.js";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-tpl-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("shipped mail templates", () => {
  fs.mkdirSync(path.join(root, "templates", "mail"), { recursive: true });
  const built = path.join(root, ".builds", "0123456789abcdef", "server", "mail");
  const sources = path.join(root, "src", "server", "mail");
  fs.mkdirSync(built, { recursive: true });
  fs.mkdirSync(sources, { recursive: true });

  it("are found from a compiled tree under .builds/<hash>", () => {
    expect(shippedTemplatesDir(built)).toBe(path.join(root, "templates", "mail"));
  });

  it("are found from the sources", () => {
    expect(shippedTemplatesDir(sources)).toBe(path.join(root, "templates", "mail"));
  });

  it("resolve to the repository's own templates, auto-reply included", () => {
    expect(fs.existsSync(path.join(shippedTemplatesDir(), "autoreply.es.txt"))).toBe(true);
  });
});
