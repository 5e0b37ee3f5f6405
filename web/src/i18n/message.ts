/**
 * The part of ICU MessageFormat the catalogues use, in a few hundred bytes instead of intl-messageformat
 * and its parser (some 40 KB every screen would load): `{name}`, `{n, number}`,
 * `{n, plural, =0 {…} one {# …} other {…}}`, `{k, select, a {…} other {…}}` and ICU's apostrophe
 * quoting. Output matches intl-messageformat's (a test compares both on every catalogue message); what
 * it does not know is a syntax error, and callers show such a message as written. Shared by the staff
 * app and the portal: it imports nothing.
 */
export type Vars = Record<string, string | number>;

/** A plural's or select's options by key; the parser refuses one without `other`. */
type Options = Record<string, Node[]> & { other: Node[] };

type Node =
  | string
  | { kind: "#" }
  | { kind: "arg"; name: string }
  | { kind: "number"; name: string }
  | { kind: "plural"; name: string; options: Options }
  | { kind: "select"; name: string; options: Options };

export type Message = Node[];

class Parser {
  private at = 0;
  constructor(private readonly text: string) {}

  parse(): Message {
    const nodes = this.message(false);
    if (this.at < this.text.length) this.fail("unmatched }");
    return nodes;
  }

  private fail(why: string): never {
    throw new SyntaxError(`${why} at ${this.at} in "${this.text}"`);
  }

  /** Text and arguments up to the end or to the `}` closing a plural or select option. */
  private message(inPlural: boolean): Node[] {
    const nodes: Node[] = [];
    let text = "";
    const flush = () => {
      if (text) nodes.push(text);
      text = "";
    };
    while (this.at < this.text.length) {
      const c = this.text.charAt(this.at);
      if (c === "}") break;
      if (c === "'") text += this.quoted(inPlural);
      else if (c === "{") {
        flush();
        nodes.push(this.argument(inPlural));
      } else if (c === "#" && inPlural) {
        flush();
        nodes.push({ kind: "#" });
        this.at++;
      } else {
        text += c;
        this.at++;
      }
    }
    flush();
    return nodes;
  }

  /** ICU quoting: `''` is one apostrophe; `'` before `{`, `}` (or `#` in a plural) opens a literal run. */
  private quoted(inPlural: boolean): string {
    const next = this.text[this.at + 1];
    if (next === "'") {
      this.at += 2;
      return "'";
    }
    this.at++;
    if (next !== "{" && next !== "}" && !(inPlural && next === "#")) return "'";
    let literal = "";
    while (this.at < this.text.length) {
      const c = this.text.charAt(this.at);
      if (c === "'" && this.text[this.at + 1] === "'") {
        literal += "'";
        this.at += 2;
      } else if (c === "'") {
        this.at++;
        return literal;
      } else {
        literal += c;
        this.at++;
      }
    }
    return literal;
  }

  private skipSpace(): void {
    while (/\s/.test(this.text[this.at] ?? "")) this.at++;
  }

  private word(): string {
    this.skipSpace();
    const match = /^[^\s{}#,']+/.exec(this.text.slice(this.at));
    if (!match) this.fail("expected a name");
    this.at += match[0].length;
    this.skipSpace();
    return match[0];
  }

  private expect(c: string): void {
    this.skipSpace();
    if (this.text[this.at] !== c) this.fail(`expected ${c}`);
    this.at++;
  }

  private argument(inPlural: boolean): Node {
    this.at++; // {
    const name = this.word();
    if (this.text[this.at] === "}") {
      this.at++;
      return { kind: "arg", name };
    }
    this.expect(",");
    const type = this.word();
    if (type === "number" && this.text[this.at] === "}") {
      this.at++;
      return { kind: "number", name };
    }
    if (type !== "plural" && type !== "select") return this.fail(`unsupported argument type ${type}`);
    this.expect(",");
    const options: Record<string, Node[]> = {};
    this.skipSpace();
    while (this.text[this.at] !== "}") {
      if (this.at >= this.text.length) this.fail("unclosed argument");
      const key = this.word();
      if (key.startsWith("offset:")) this.fail("plural offsets are not supported");
      this.expect("{");
      options[key] = this.message(inPlural || type === "plural");
      this.expect("}");
      this.skipSpace();
    }
    this.at++;
    const other = options.other;
    if (!other) return this.fail("an option `other` is required");
    return { kind: type, name, options: { ...options, other } };
  }
}

export function parseMessage(text: string): Message {
  return new Parser(text).parse();
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

function numberFormat(locale: string): Intl.NumberFormat {
  const format = numberFormats.get(locale) ?? new Intl.NumberFormat(locale);
  numberFormats.set(locale, format);
  return format;
}

function pluralCategory(locale: string, value: number): string {
  const rules = pluralRules.get(locale) ?? new Intl.PluralRules(locale);
  pluralRules.set(locale, rules);
  return rules.select(value);
}

function needed(vars: Vars | undefined, name: string): string | number {
  const value = vars?.[name];
  if (value === undefined) throw new Error(`The message needs a value for {${name}}`);
  return value;
}

function formatNode(node: Node, locale: string, vars: Vars | undefined, count: number | undefined): string {
  if (typeof node === "string") return node;
  switch (node.kind) {
    case "#":
      return count === undefined ? "#" : numberFormat(locale).format(count);
    case "arg":
      return String(needed(vars, node.name) ?? "");
    case "number":
      return numberFormat(locale).format(Number(needed(vars, node.name)));
    case "select": {
      const option = node.options[String(needed(vars, node.name))] ?? node.options.other;
      return formatMessage(option, locale, vars, count);
    }
    case "plural": {
      const n = Number(needed(vars, node.name));
      const option = node.options[`=${n}`] ?? node.options[pluralCategory(locale, n)] ?? node.options.other;
      return formatMessage(option, locale, vars, n);
    }
  }
}

/** The message's text with `vars`; throws when one it needs is missing, as intl-messageformat does. */
export function formatMessage(message: Message, locale: string, vars?: Vars, count?: number): string {
  let out = "";
  for (const node of message) out += formatNode(node, locale, vars, count);
  return out;
}
