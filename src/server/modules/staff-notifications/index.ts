export { onAssignmentNotice } from "./assignment.js";
export { queueStaffMail } from "./notify.js";
export { getMyPrefs, saveMyPrefs } from "./prefs.js";
export { staffNotificationRoutes } from "./routes.js";
