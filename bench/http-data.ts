/**
 * Deterministic Spanish-looking data for the HTTP bench (bench/http.ts): staff, clients with a contact
 * each (40 % with a contract), and tickets over the last three years. Same seed, same data, on both
 * databases, so runs are comparable.
 */
import { randomUUID } from "node:crypto";
import { foldForSearch } from "../src/domain/text.js";
import { cashClientRow } from "./seed-rows.js";

export { rng } from "./seed-rows.js";

/** Typed without accents; present (as «sincronización») in ~1% of the seeded tickets. */
export const RARE_WORD = "sincronizacion";
/** In ~20% of the seeded tickets (titles and descriptions): past the search index's candidate cap. */
export const COMMON_WORD = "impresora";
/** Two letters, so no index can answer it (a department: «RH», recursos humanos); in no seeded ticket. */
export const SHORT_WORD = "rh";
export const CLIENTS = 200;

export const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

const COMPANY_KIND = [
  "Constructora",
  "Despacho Jurídico",
  "Clínica Dental",
  "Farmacéutica",
  "Distribuidora",
  "Comercializadora",
  "Transportes",
  "Consultores Contables",
  "Hotel",
  "Colegio",
  "Agencia Aduanal",
  "Laboratorio Clínico",
  "Ferretería",
  "Inmobiliaria",
  "Panificadora",
];
const COMPANY_NAME = [
  "Ñandú",
  "Peña",
  "Álvarez",
  "Ibáñez",
  "del Bajío",
  "Martínez",
  "Cañada",
  "Güemes",
  "Jiménez",
  "Núñez",
  "López",
  "Región Sureste",
  "Montaña Azul",
  "Pérez Hermanos",
  "Sánchez",
  "Ortíz",
  "Rodríguez",
  "Avilés",
  "Muñoz",
  "Belén",
];
const COMPANY_SUFFIX = ["S.A. de C.V.", "S.C.", "S. de R.L.", "", "y Asociados"];
const FIRST = [
  "Ana",
  "José",
  "María",
  "Raúl",
  "Sofía",
  "Héctor",
  "Lucía",
  "Andrés",
  "Mónica",
  "Íñigo",
  "Begoña",
  "Joaquín",
];
const LAST = [
  "Pérez",
  "Gómez",
  "Hernández",
  "Muñoz",
  "Díaz",
  "Ramírez",
  "Nuñez",
  "Ávila",
  "Orozco",
  "Gutiérrez",
];

const TITLE_PROBLEM = [
  "No enciende",
  "Falla intermitente de",
  "Lentitud en",
  "Error al iniciar",
  "Actualización pendiente de",
  "Configuración de",
  "Instalación de",
  "Sin acceso a",
  "Revisión preventiva de",
  "Cambio de contraseña en",
  "Respaldo fallido de",
  "Ruido extraño en",
];
const TITLE_OBJECT = [
  "la impresora de recepción",
  "el conmutador telefónico",
  "la VPN de la sucursal",
  "el servidor de archivos",
  "Microsip en contabilidad",
  "el Fortigate del corporativo",
  "el correo electrónico",
  "la red inalámbrica",
  "las cámaras de seguridad",
  "el equipo de la dirección",
  "el punto de venta",
  "Windows Server",
  "el antivirus",
  "el reloj checador",
];
const TITLE_PLACE = [
  "",
  " en Guadalajara",
  " en la oficina de Mérida",
  " del almacén",
  " de facturación",
  " en León",
];
const SENTENCES = [
  "El usuario reporta que desde ayer no puede trabajar con normalidad.",
  "Se reinició el equipo y el problema continúa.",
  "Aparece un mensaje de error en pantalla después de la actualización.",
  "La conexión a internet funciona, pero el sistema no responde.",
  "Solicitan atención lo antes posible porque afecta la facturación del día.",
  "El técnico anterior dejó una nota sobre el cableado del rack.",
  "Hay que revisar la configuración del enrutador y las políticas de acceso.",
  "El cliente pide que se le llame antes de acudir a sus oficinas.",
  "Se requiere cambiar el tóner y limpiar los rodillos de la impresora.",
  "La contraseña del administrador caducó y nadie recuerda la nueva.",
  "El disco duro hace ruido y el respaldo de la semana pasada no terminó.",
  "Necesitan dar de alta a dos empleados nuevos en el dominio.",
  "El módulo de nómina de Microsip marca un error de licencia.",
  "Los correos salientes rebotan con un aviso de buzón lleno.",
  "La señal inalámbrica es débil en la sala de juntas del segundo piso.",
  "Piden cotización para ampliar la memoria de tres equipos.",
  "El punto de venta se congela al imprimir el ticket de compra.",
  "Se detectó tráfico sospechoso en el firewall durante la madrugada.",
];
const RARE_SENTENCE = "Falla de sincronización del calendario compartido con los teléfonos.";

/** A ticket's title and description; `sentences` are the description's parts (joined by spaces). */
export function ticketText(rand: () => number): { title: string; description: string; sentences: string[] } {
  const title = `${pick(rand, TITLE_PROBLEM)} ${pick(rand, TITLE_OBJECT)}${pick(rand, TITLE_PLACE)}`;
  const parts: string[] = [];
  const n = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) parts.push(pick(rand, SENTENCES));
  if (rand() < 0.01) parts.splice(Math.floor(rand() * (parts.length + 1)), 0, RARE_SENTENCE);
  return { title, description: parts.join(" "), sentences: parts };
}

/** The people tickets refer to: a dozen technicians, the clients, one contact each, some contracts. */
export function people(rand: () => number, nowIso: string) {
  const stamps = { created_at: nowIso, updated_at: nowIso };
  const techs = Array.from({ length: 12 }, (_, i) => ({
    id: randomUUID(),
    email: `tecnico${i}@encor.mx`,
    name: `${pick(rand, FIRST)} ${pick(rand, LAST)}`,
    password_hash: null,
    roles: JSON.stringify(["technician"]),
    skills: JSON.stringify([]),
    client_id: null,
    locale: "es-MX",
    active: 1 as const,
    ...stamps,
  }));
  const clients = Array.from({ length: CLIENTS }, (_, i) => {
    const name =
      `${pick(rand, COMPANY_KIND)} ${pick(rand, COMPANY_NAME)} ${pick(rand, COMPANY_SUFFIX)}`.trim();
    const rfc = `B${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}${String(100000 + i).slice(1)}X${i % 10}`;
    return cashClientRow({
      id: randomUUID(),
      name: `${name} #${i + 1}`,
      rfc,
      phone: `55${String(10000000 + i * 7919).slice(0, 8)}`,
      email: `contacto${i}@cliente${i}.mx`,
      searchText: foldForSearch(`${name} #${i + 1} ${rfc}`),
      at: nowIso,
    });
  });
  const contacts = clients.map((c) => {
    const name = `${pick(rand, FIRST)} ${pick(rand, LAST)}`;
    const position = "Encargado de sistemas";
    return {
      id: randomUUID(),
      client_id: c.id,
      name,
      email: null,
      phone: null,
      position,
      search_text: foldForSearch(name),
      ...stamps,
    };
  });
  const contracts = clients
    .filter(() => rand() < 0.4)
    .map((c) => ({
      id: randomUUID(),
      client_id: c.id,
      type: pick(rand, ["SH", "SF", "SS"] as const),
      starts_on: "2015-01-01",
      ends_on: null,
      monthly_fee_cents: 350000,
      included_minutes_per_month: 600,
      overage_rate_cents: 90000,
      sla_normal_minutes: null,
      sla_urgent_minutes: null,
      notes: null,
      cancelled_at: null,
      ...stamps,
    }));
  return { techs, clients, contacts, contracts };
}

export type People = ReturnType<typeof people>;
