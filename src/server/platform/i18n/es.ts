import { inputEs } from "../../../contract/i18n/es.js";
import { esErrors } from "./errors-es.js";

/** Spanish (es-MX) texts the server renders: refusals, assignment reasons, notifications, errors. */
export const es = {
  "workflow.forbidden": "Tu rol no permite esta acción sobre este ticket.",
  "workflow.invalid_transition":
    "No se puede {action, select, assign {asignar} start {iniciar} attend {marcar como atendido} accept {aceptar} reject {rechazar} review {revisar} send_back {regresar} close {cerrar} cancel {cancelar} other {{action}}} un ticket en estado «{status, select, new {Nuevo} assigned {Asignado} in_progress {En progreso} attended {Atendido} reviewed {Revisado} closed {Cerrado} cancelled {Cancelado} other {{status}}}».",
  "workflow.assignee_required": "Indica el técnico al que se asigna (assigneeId).",
  "workflow.time_entry_required": "Registra al menos un tiempo de atención antes de marcar como atendido.",
  "workflow.signer_required": "Indica el nombre de quien firma la aceptación en sitio (signerName).",
  "workflow.acceptance_missing":
    "El cliente no ha aceptado la orden de servicio; para revisar sin aceptación indica el motivo.",
  "workflow.reason_required": "Esta acción requiere un motivo.",
  "workflow.already_accepted":
    "La orden de servicio ya fue aceptada; si hay que rehacer el trabajo, un técnico senior puede regresar el ticket con un motivo.",
  "assign.reason.skill": "Capacitado en «{category}»",
  "assign.reason.account_technician": "Técnico de cuenta de este cliente",
  "assign.reason.client_history":
    "Ha atendido {count, plural, one {# ticket} other {# tickets}} de este cliente",
  "assign.reason.category_history":
    "Experiencia: {count, plural, one {# ticket} other {# tickets}} de «{category}» resueltos",
  "assign.reason.no_load": "Sin tickets abiertos",
  "assign.reason.load": "Carga actual: {count, plural, one {# ticket abierto} other {# tickets abiertos}}",
  "notification.sla_breached": "{folio} venció su tiempo de respuesta sin atención: {title}",
  "notification.sla_near": "{folio} está por vencer su tiempo de respuesta: {title}",
  "notification.assigned": "{by} te asignó {folio}: {title}",
  "notification.sent_back": "{by} te regresó {folio}: {title}. Motivo: {reason}",
  "notification.client_rejected": "{by} rechazó la orden de servicio de {folio}: {title}. Motivo: {reason}",
  "notification.client_rejected_unnamed":
    "El cliente rechazó la orden de servicio de {folio}: {title}. Motivo: {reason}",
  "mail.portal_address.moved":
    "Desde ahora su cuenta del portal de clientes de {company} entra con el correo {to}, ya no con este.",
  "mail.portal_address.call":
    "Si usted no pidió este cambio, {how, select, phone {llame a {company} al {contact}} email {escriba a {company} a {contact}} other {comuníquese con {company}}} para aclararlo.",
  "mail.attachment.attached": "Va adjunto a este correo.",
  "mail.attachment.linked":
    "Es demasiado grande para el correo: descárguelo desde su solicitud en el portal de clientes.",
  "mail.attachment.ask":
    "Es demasiado grande para el correo: si lo necesita, responda a este correo y se lo haremos llegar por otro medio.",
  "mail.portal_address.disabled":
    "Su cuenta del portal de clientes de {company} quedó desactivada: su ficha de contacto ya no tiene correo.",
  "notification.urgent_request": "Nueva solicitud urgente {folio} de {client}: {title}",
  "notification.client_message": "{by} escribió en {folio} ({title}): «{excerpt}»",
  "notification.legacy": "{text}",
  "rfc.check_digit_mismatch":
    "El dígito verificador del RFC {rfc} no coincide (se esperaba {expected}). Confírmalo si el RFC es correcto.",
  "error.unauthenticated": "Inicia sesión para continuar.",
  "error.session_expired": "Tu sesión expiró. Inicia sesión de nuevo.",
  "error.login_throttled":
    "Demasiados intentos. Intenta de nuevo en {minutes, plural, one {# minuto} other {# minutos}}.",
  "error.login_throttled_seconds": "Demasiados intentos. Intenta de nuevo en unos segundos.",
  "error.rate_limited":
    "Demasiadas solicitudes. Intenta de nuevo en {seconds, plural, one {# segundo} other {# segundos}}.",
  "error.forbidden": "No tienes permiso para esta acción.",
  "error.not_found.attachment": "El adjunto no existe.",
  "error.not_found.attachment_file": "El archivo del adjunto no existe.",
  "error.not_found.client": "El cliente no existe.",
  "error.not_found.contact": "El contacto no existe.",
  "error.not_found.mail": "El correo no existe.",
  "error.not_found.timer": "El cronómetro de este ticket no existe.",
  "error.not_found.time_entry": "El registro de tiempo no existe.",
  "error.not_found.charge": "El cargo no existe.",
  "error.not_found.logo": "El logotipo no existe.",
  "error.not_found.ticket": "El ticket no existe.",
  "error.not_found.technician": "El técnico no existe.",
  "error.not_found.user": "El usuario no existe.",
  "error.not_found.notification": "La notificación no existe.",
  "error.not_found.service_order": "La orden de servicio no existe.",
  "error.not_found.contract": "La póliza no existe.",
  "error.not_found.contract_type": "El tipo de póliza no existe.",
  "error.not_found.session": "La sesión no existe.",
  "error.not_found.task": "La tarea no existe.",
  "billing.period_format": "El periodo debe tener el formato AAAA-MM (por ejemplo 2026-11).",
  "billing.period_future": "No se puede facturar el periodo {period}: aún no empieza.",
  "billing.period_past": "El periodo {period} es anterior al año 2000.",
  "billing.invoice_frozen":
    "{status, select, cancelled {La factura {folio} está cancelada: ya no cambia.} other {La factura {folio} ya fue emitida: sus partidas y totales no cambian. Cancélala y haz una nueva.}}",
  "billing.invoice_status":
    "No se puede {action, select, issue {emitir} cancel {cancelar} pay {marcar como pagada} export {exportar} edit {editar} other {{action}}} una factura en estado «{status, select, draft {Borrador} issued {Emitida} exported {Exportada} paid {Pagada} cancelled {Cancelada} other {{status}}}».",
  "billing.rate_exists": "Ya hay una tarifa para esa categoría y modalidad; edítala.",
  "billing.unknown_category": "La categoría «{category}» no existe.",
  "billing.not_event_ticket": "Solo los tickets por evento cerrados «por facturar» tienen factura propia.",
  "billing.already_invoiced": "El ticket ya tiene una factura vigente ({folio}).",
  "billing.rate_draft_edited":
    "El borrador {folio} ya no tiene la partida de tiempo del ticket (se editó a mano): corrige ahí el precio, o cancélalo y vuelve a facturar el ticket con la nueva tarifa.",
  "billing.no_rfc":
    "La factura {folios} de «{client}» no tiene RFC y el ERP no puede timbrarla: registre el RFC del cliente (o el genérico XAXX010101000 si es venta al público en general).",
  "billing.nothing_to_export":
    "No hay facturas emitidas por exportar. Las ya exportadas se descargan otra vez (en CSV o Excel) con Estatus = Exportada.",
  "billing.charges_over_limit":
    "Con este cargo los cargos del ticket sumarían más de $1,000 millones, lo más que admite una factura.",
  "billing.invoice_over_limit":
    "Las partidas del ticket {folio} suman más de $1,000 millones, lo más que admite una factura: no se puede hacer su borrador.",
  "billing.import_rejected":
    "La importación no se aplicó: {count, plural, one {# renglón tiene} other {# renglones tienen}} errores.",
  // Why a day is closed (GET /api/sla/deadline, closed days): a weekday (1 Monday … 7 Sunday), a holiday.
  "calendar.day.weekend":
    "{weekday, select, 1 {Lunes} 2 {Martes} 3 {Miércoles} 4 {Jueves} 5 {Viernes} 6 {Sábado} 7 {Domingo} other {{weekday}}}",
  "calendar.day.closed_day":
    "{weekday, select, 1 {Lunes} 2 {Martes} 3 {Miércoles} 4 {Jueves} 5 {Viernes} 6 {Sábado} 7 {Domingo} other {{weekday}}} sin horario de atención",
  "calendar.holiday.new_year": "Año Nuevo",
  "calendar.holiday.constitution_day": "Día de la Constitución",
  "calendar.holiday.benito_juarez": "Natalicio de Benito Juárez",
  "calendar.holiday.labour_day": "Día del Trabajo",
  "calendar.holiday.independence_day": "Día de la Independencia",
  "calendar.holiday.revolution_day": "Día de la Revolución",
  "calendar.holiday.christmas": "Navidad",
  "calendar.holiday.presidential_transition": "Transmisión del Poder Ejecutivo Federal",
  "billing.cancel_reason.ticket_no_charge": "El ticket pasó a sin cargo.",
  "billing.history.invoice_issued": "Factura {folio} emitida",
  "billing.history.invoice_cancelled": "Factura {folio} cancelada",
  "billing.import_row.duplicate_row": "El folio aparece más de una vez en el archivo.",
  "billing.import_row.unknown_folio": "Mesa no tiene una factura con ese folio.",
  "billing.import_row.erp_folio_missing": "Falta el folio del ERP.",
  "billing.import_row.bad_total": "El total no es un importe válido.",
  "billing.import_row.total_mismatch": "El total no coincide: Mesa tiene {total}.",
  "billing.import_row.bad_date": "FechaPago debe ser AAAA-MM-DD.",
  "billing.import_row.bad_status":
    "{status, select, paid {La factura ya está pagada.} draft {La factura es un borrador.} cancelled {La factura está cancelada.} other {La factura está en estado {status}.}}",
  // The API's refusals (AppError), kept apart so this file stays the domain's texts.
  ...esErrors,
  // The contract's input messages (validation details), shared with the web app.
  ...inputEs,
} as const;

export type ServerMessageKey = keyof typeof es;
