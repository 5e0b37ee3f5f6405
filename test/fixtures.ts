import { rfcCheckDigit } from "../src/domain/rfc.js";
import type { MesaApp } from "../src/server/app.js";
import { ADMIN, type Caller, signIn } from "./client.js";

export const PASSWORD = "password-de-prueba-1";

/** An RFC the SAT check digit accepts: `stem` (all but the last character) plus its check digit. */
export const validRfc = (stem: string) => `${stem}${rfcCheckDigit(`${stem}0`)}`;

export interface Staff {
  admin: Caller;
  reception: Caller;
  technician: Caller;
  technician2: Caller;
  senior: Caller;
  leader: Caller;
  sales: Caller;
}

async function createUser(
  admin: Caller,
  email: string,
  name: string,
  roles: string[],
  skills: string[] = [],
  clientId?: string,
) {
  const res = await admin.post("/api/users", {
    email,
    name,
    password: PASSWORD,
    roles,
    skills,
    ...(clientId ? { clientId } : {}),
  });
  if (res.status !== 201) throw new Error(`user ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return signIn(admin.app, email, PASSWORD);
}

/** One user per staff role, signed in with a bearer token each. */
export async function seedStaff(app: MesaApp): Promise<Staff> {
  const admin = await signIn(app, ADMIN.email, ADMIN.password);
  return {
    admin,
    reception: await createUser(admin, "recepcion@encor.mx", "Rocío Recepción", ["reception"]),
    technician: await createUser(
      admin,
      "tecnico@encor.mx",
      "Tomás Técnico",
      ["technician"],
      ["fortigate", "redes"],
    ),
    technician2: await createUser(
      admin,
      "tecnico2@encor.mx",
      "Teresa Técnica",
      ["technician"],
      ["windows-server"],
    ),
    senior: await createUser(admin, "senior@encor.mx", "Sergio Senior", ["senior"], ["redes"]),
    leader: await createUser(admin, "lider@encor.mx", "Lorena Líder", ["leader"]),
    sales: await createUser(admin, "ventas@encor.mx", "Víctor Ventas", ["sales"]),
  };
}

export async function createClientWithContact(staff: Staff, name: string, rfc: string, email: string) {
  const client = await staff.reception.post("/api/clients", { name, rfc, phone: "55 1234 5678" });
  if (client.status !== 201) throw new Error(`client: ${JSON.stringify(client.body)}`);
  const contact = await staff.reception.post("/api/contacts", {
    clientId: client.body.id,
    name: `Contacto de ${name}`,
    email,
    phone: `+52 55 ${Math.floor(10000000 + Math.random() * 89999999)}`,
  });
  if (contact.status !== 201) throw new Error(`contact: ${JSON.stringify(contact.body)}`);
  return { client: client.body, contact: contact.body };
}

export async function clientUser(staff: Staff, clientId: string, email: string): Promise<Caller> {
  return createUser(staff.admin, email, `Usuario ${email}`, ["client"], [], clientId);
}
