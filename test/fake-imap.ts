import net from "node:net";

export interface FakeMessage {
  uid: number;
  raw: string;
  flags: Set<string>;
}

/**
 * A tiny IMAP4rev1 server, just enough for one mailbox: LOGIN, SELECT, UID SEARCH UNKEYWORD,
 * UID FETCH BODY[], UID STORE +FLAGS, LOGOUT. Records every command so a test can see that nothing
 * was deleted, expunged or moved.
 */
export class FakeImap {
  messages: FakeMessage[] = [];
  commands: string[] = [];
  port = 0;
  private server = net.createServer((socket) => this.serve(socket));

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", () => resolve()));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private serve(socket: net.Socket): void {
    let buffer = "";
    socket.write("* OK [CAPABILITY IMAP4rev1 UIDPLUS] fake ready\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("latin1");
      let at = buffer.indexOf("\r\n");
      while (at !== -1) {
        const line = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        this.answer(socket, line);
        at = buffer.indexOf("\r\n");
      }
    });
    socket.on("error", () => undefined);
  }

  private answer(socket: net.Socket, line: string): void {
    const [tag = "*", ...rest] = line.split(" ");
    const command = rest.join(" ");
    const verb = command.toUpperCase();
    this.commands.push(verb);
    const ok = (text = "done"): void => {
      socket.write(`${tag} OK ${text}\r\n`);
    };
    if (verb.startsWith("CAPABILITY")) {
      socket.write("* CAPABILITY IMAP4rev1 UIDPLUS\r\n");
      ok();
      return;
    }
    if (verb.startsWith("SELECT") || verb.startsWith("EXAMINE")) {
      const next = Math.max(0, ...this.messages.map((m) => m.uid)) + 1;
      socket.write(
        `* FLAGS (\\Seen \\Deleted)\r\n* OK [PERMANENTFLAGS (\\Seen \\Deleted \\*)] ok\r\n* ${this.messages.length} EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT ${next}] ok\r\n`,
      );
      ok("[READ-WRITE] selected");
      return;
    }
    if (verb.startsWith("UID SEARCH")) {
      const keyword = /UNKEYWORD (\S+)/i.exec(command)?.[1];
      const uids = this.messages.filter((m) => !keyword || !m.flags.has(keyword)).map((m) => m.uid);
      socket.write(`* SEARCH${uids.map((u) => ` ${u}`).join("")}\r\n`);
      ok();
      return;
    }
    if (verb.startsWith("UID FETCH")) {
      const uid = Number(/UID FETCH (\d+)/i.exec(command)?.[1]);
      const i = this.messages.findIndex((m) => m.uid === uid);
      if (i >= 0) {
        const raw = Buffer.from(this.messages[i]!.raw, "utf8");
        socket.write(`* ${i + 1} FETCH (UID ${uid} BODY[] {${raw.length}}\r\n`);
        socket.write(raw);
        socket.write(")\r\n");
      }
      ok();
      return;
    }
    if (verb.startsWith("UID STORE")) {
      const uid = Number(/UID STORE (\d+)/i.exec(command)?.[1]);
      const flags = /\(([^)]*)\)/.exec(command)?.[1]?.split(" ").filter(Boolean) ?? [];
      const msg = this.messages.find((m) => m.uid === uid);
      for (const f of flags) msg?.flags.add(f);
      ok();
      return;
    }
    if (verb.startsWith("LIST")) {
      socket.write('* LIST (\\HasNoChildren) "/" INBOX\r\n');
      ok();
      return;
    }
    if (verb.startsWith("LOGOUT")) {
      socket.write("* BYE bye\r\n");
      ok();
      socket.end();
      return;
    }
    ok();
  }
}
