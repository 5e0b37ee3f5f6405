/**
 * A believable month of a Mexican IT firm: the people, clients and requests `npm run demo` creates.
 * Every address is under the reserved .example domain (RFC 2606): the demo queues mail (service
 * orders, surveys), and an install later given MESA_SMTP_URL would otherwise send it to whoever owns
 * a real-looking domain.
 */

export const DEMO_PASSWORD = "Mesa-Demo-2026!";

export interface DemoUser {
  key: string;
  email: string;
  name: string;
  roles: ("reception" | "technician" | "senior" | "leader" | "sales")[];
  skills: string[];
}

export const DEMO_USERS: DemoUser[] = [
  {
    key: "reception",
    email: "rocio.hernandez@demo.encor.example",
    name: "Rocío Hernández",
    roles: ["reception"],
    skills: [],
  },
  {
    key: "tech1",
    email: "tomas.ramirez@demo.encor.example",
    name: "Tomás Ramírez",
    roles: ["technician"],
    skills: ["redes", "fortigate"],
  },
  {
    key: "tech2",
    email: "daniela.ortiz@demo.encor.example",
    name: "Daniela Ortiz",
    roles: ["technician"],
    skills: ["windows-server", "microsip"],
  },
  {
    key: "tech3",
    email: "luis.castillo@demo.encor.example",
    name: "Luis Fernando Castillo",
    roles: ["technician"],
    skills: ["soporte", "hosting"],
  },
  {
    key: "senior",
    email: "ana.lopez@demo.encor.example",
    name: "Ana López",
    roles: ["senior"],
    skills: ["windows-server", "redes", "fortigate"],
  },
  {
    key: "leader",
    email: "jorge.mendez@demo.encor.example",
    name: "Jorge Méndez",
    roles: ["leader"],
    skills: [],
  },
  {
    key: "sales",
    email: "patricia.navarro@demo.encor.example",
    name: "Patricia Navarro",
    roles: ["sales"],
    skills: [],
  },
];

export interface DemoClient {
  name: string;
  rfc: string;
  phone: string;
  address: string;
  /** Contract type (SH, SF, SS) or none: per-event client. */
  contract: "SH" | "SF" | "SS" | null;
  contacts: { name: string; email: string; phone: string; position: string }[];
  /** Which of the contacts receives the invoices (an index into `contacts`), where one is named. */
  billingContact?: number;
}

export const DEMO_CLIENTS: DemoClient[] = [
  {
    name: "Ferretería La Única S.A. de C.V.",
    rfc: "FLU850101ABA",
    phone: "55 5523 4410",
    address: "Av. Revolución 1520, San Ángel, 01000 Ciudad de México, CDMX",
    contract: "SS",
    contacts: [
      {
        name: "José Ángel Gutiérrez",
        email: "jagutierrez@launica.example",
        phone: "55 4012 8831",
        position: "Gerente administrativo",
      },
      {
        name: "María Fernanda Ruiz",
        email: "mfruiz@launica.example",
        phone: "55 3120 0942",
        position: "Contabilidad",
      },
    ],
    billingContact: 1,
  },
  {
    name: "Despacho Contable Ortega y Asociados",
    rfc: "DCO990315K28",
    phone: "33 3615 2200",
    address: "Av. Chapultepec 480, Americana, 44160 Guadalajara, Jal.",
    contract: "SS",
    contacts: [
      {
        name: "Guadalupe Ortega",
        email: "lupita@ortegacontadores.example",
        phone: "33 1287 4410",
        position: "Socia directora",
      },
    ],
  },
  {
    name: "Clínica Dental Sonrisa Norte",
    rfc: "CDS100720QX8",
    phone: "81 8340 1122",
    address: "Av. Gonzalitos 300, Mitras Centro, 64460 Monterrey, N.L.",
    contract: "SF",
    contacts: [
      {
        name: "Dr. Ricardo Salinas",
        email: "rsalinas@sonrisanorte.example",
        phone: "81 1655 3020",
        position: "Director",
      },
      {
        name: "Karla Treviño",
        email: "recepcion@sonrisanorte.example",
        phone: "81 1655 3021",
        position: "Recepción",
      },
    ],
  },
  {
    name: "Hotel Posada del Mar",
    rfc: "HPM050808MN7",
    phone: "998 884 1200",
    address: "Blvd. Kukulcán km 9.5, Zona Hotelera, 77500 Cancún, Q.R.",
    contract: "SH",
    contacts: [
      {
        name: "Alejandro Pech",
        email: "sistemas@posadadelmar.example",
        phone: "998 145 7788",
        position: "Jefe de sistemas",
      },
    ],
  },
  {
    name: "Transportes Refrigerados del Bajío",
    rfc: "TRB120229HTA",
    phone: "477 712 9000",
    address: "Blvd. Aeropuerto 2001, Industrial Julián de Obregón, 37290 León, Gto.",
    contract: "SF",
    contacts: [
      {
        name: "Miguel Ángel Sánchez",
        email: "msanchez@trefbajio.example",
        phone: "477 301 6521",
        position: "Gerente de operaciones",
      },
      {
        name: "Sofía Medina",
        email: "smedina@trefbajio.example",
        phone: "477 301 6530",
        position: "Facturación",
      },
    ],
    billingContact: 1,
  },
  {
    name: "Colegio Miguel Hidalgo A.C.",
    rfc: "CMH870901A44",
    phone: "222 240 1133",
    address: "Calle 5 de Mayo 1204, Centro, 72000 Puebla, Pue.",
    contract: null,
    contacts: [
      {
        name: "Hna. Teresa Morales",
        email: "direccion@colegiohidalgo.edu.example",
        phone: "222 355 1209",
        position: "Directora",
      },
    ],
  },
  {
    name: "Panadería El Trigal",
    rfc: "PTR160411RS4",
    phone: "442 215 0871",
    address: "Av. Zaragoza 88, Centro, 76000 Santiago de Querétaro, Qro.",
    contract: null,
    contacts: [
      {
        name: "Roberto Jiménez",
        email: "roberto@eltrigal.example",
        phone: "442 198 2045",
        position: "Dueño",
      },
    ],
  },
  {
    name: "Notaría Pública 27 de Mérida",
    rfc: "NPM020606JK5",
    phone: "999 923 4455",
    address: "Calle 60 No. 350, Centro, 97000 Mérida, Yuc.",
    contract: null,
    contacts: [
      {
        name: "Lic. Eduardo Canto",
        email: "ecanto@notaria27.example",
        phone: "999 112 0034",
        position: "Notario",
      },
      {
        name: "Verónica Chan",
        email: "vchan@notaria27.example",
        phone: "999 112 0035",
        position: "Asistente",
      },
    ],
  },
];

export const TICKET_SUBJECTS: { title: string; category: string; description: string }[] = [
  {
    title: "No hay internet en la oficina",
    category: "redes",
    description: "Desde la mañana ninguna computadora navega; el módem tiene luces normales.",
  },
  {
    title: "El Fortigate se reinicia solo",
    category: "fortigate",
    description: "Se reinicia cada hora aproximadamente; se pierde la VPN de la sucursal.",
  },
  {
    title: "Alta de usuario en el servidor",
    category: "windows-server",
    description: "Entra una nueva asistente el lunes; necesita usuario y carpeta compartida.",
  },
  {
    title: "Microsip no timbra facturas",
    category: "microsip",
    description: "Marca error de conexión con el PAC al timbrar.",
  },
  {
    title: "Correo rebota a clientes",
    category: "hosting",
    description: "Los correos a Gmail regresan con error 550.",
  },
  {
    title: "Impresora de recepción no imprime",
    category: "soporte",
    description: "La impresora aparece sin conexión en todas las computadoras.",
  },
  {
    title: "Renovar dominio",
    category: "hosting",
    description: "El dominio vence a fin de mes; confirmar renovación por dos años.",
  },
  {
    title: "Computadora muy lenta",
    category: "soporte",
    description: "Tarda más de diez minutos en encender y el antivirus marca alertas.",
  },
  {
    title: "Configurar VPN para home office",
    category: "fortigate",
    description: "Tres personas trabajarán desde casa; necesitan acceso al sistema.",
  },
  {
    title: "Respaldo del servidor falló",
    category: "windows-server",
    description: "El reporte del respaldo nocturno llegó con error dos noches seguidas.",
  },
  {
    title: "Cámaras sin grabar",
    category: "redes",
    description: "El grabador no guarda desde el corte de luz del sábado.",
  },
  {
    title: "Actualizar Microsip a la versión nueva",
    category: "microsip",
    description: "Programar actualización fuera de horario de facturación.",
  },
];

/** Final status of each demo ticket, oldest first: closed work in the past, fresh requests today. */
export const STATUS_PLAN: Record<string, number> = {
  closed: 20,
  cancelled: 3,
  reviewed: 5,
  attended: 6,
  in_progress: 6,
  assigned: 5,
  new: 5,
};
