import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const DOVECOT_BIN = "/usr/sbin/dovecot";

/** Why the real-IMAP suite cannot run here, or null when it can. */
export function dovecotMissing(): string | null {
  return fs.existsSync(DOVECOT_BIN)
    ? null
    : `${DOVECOT_BIN} no está instalado (apt-get install -y dovecot-imapd; .ci/run lo instala)`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, proc: ChildProcess, log: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (proc.exitCode !== null) break;
    const up = await new Promise<boolean>((resolve) => {
      const sock = net.connect(port, "127.0.0.1", () => {
        sock.destroy();
        resolve(true);
      });
      sock.once("error", () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  const tail = fs.existsSync(log) ? fs.readFileSync(log, "utf8").slice(-2000) : "";
  throw new Error(`dovecot no arrancó en 127.0.0.1:${port}: ${tail}`);
}

/**
 * Who dovecot runs as. As root (CI): its own service users and `nobody` for the mail files. As
 * another user: everything as that user (dovecot allows an unprivileged instance).
 */
function identities(dir: string) {
  if (process.getuid?.() === 0) {
    const uid = 65534;
    const gid = Number(execFileSync("id", ["-g", "nobody"]).toString().trim());
    execFileSync("chown", ["-R", `${uid}:${gid}`, path.join(dir, "home")]);
    return { login: "dovenull", internal: "dovecot", uid, gid };
  }
  const me = os.userInfo();
  return { login: me.username, internal: me.username, uid: me.uid, gid: me.gid };
}

export interface Dovecot {
  port: number;
  user: string;
  pass: string;
  stop(): Promise<void>;
}

/**
 * A real dovecot IMAP server on a loopback port, with a throwaway configuration, one passwd-file
 * user and a Maildir, all under a temp dir that `stop()` removes.
 */
export async function startDovecot(): Promise<Dovecot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-dovecot-"));
  for (const sub of ["run", "state", "home/soporte"]) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  fs.chmodSync(dir, 0o755);
  const [user, pass] = ["soporte", "clave-de-prueba"];
  const id = identities(dir);
  const port = await freePort();
  const log = path.join(dir, "dovecot.log");
  fs.writeFileSync(
    path.join(dir, "passwd"),
    `${user}:{PLAIN}${pass}:${id.uid}:${id.gid}::${dir}/home/${user}\n`,
  );
  const conf = `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${log}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = ${id.login}
default_internal_user = ${id.internal}
default_internal_group = ${id.internal}
first_valid_uid = 1
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = ${dir}/passwd
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`;
  const confPath = path.join(dir, "dovecot.conf");
  fs.writeFileSync(confPath, conf);
  const proc = spawn(DOVECOT_BIN, ["-F", "-c", confPath], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  proc.stderr?.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  try {
    await waitForPort(port, proc, log);
  } catch (err) {
    proc.kill("SIGKILL");
    throw new Error(`${(err as Error).message} ${stderr}`);
  }
  return {
    port,
    user,
    pass,
    stop: async () => {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once("exit", r));
        proc.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
