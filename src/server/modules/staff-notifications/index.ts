export { onAssignmentNotice, onClientRejectionNotice, onSendBackNotice } from "./assignment.js";
export { deskUserIds, onClientMessageNotice, onUrgentRequestNotice } from "./intake.js";
export { noticeStaff } from "./notice.js";
export { queueStaffMail } from "./notify.js";
export { getMyPrefs, saveMyPrefs } from "./prefs.js";
export { staffNotificationRoutes } from "./routes.js";
