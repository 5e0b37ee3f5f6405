export { onAssignmentNotice, onSendBackNotice } from "./assignment.js";
export { onClientMessageNotice, onUrgentRequestNotice } from "./intake.js";
export { queueStaffMail } from "./notify.js";
export { getMyPrefs, saveMyPrefs } from "./prefs.js";
export { staffNotificationRoutes } from "./routes.js";
