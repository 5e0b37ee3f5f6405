import { describe, expect, it } from "vitest";
import * as background from "../../src/server/modules/background/policy.js";
import * as backup from "../../src/server/modules/backup/policy.js";
import * as mail from "../../src/server/modules/mail/policy.js";
import * as portal from "../../src/server/modules/portal/policy.js";
import * as settings from "../../src/server/modules/settings/policy.js";
import * as staffNotifications from "../../src/server/modules/staff-notifications/policy.js";
import * as users from "../../src/server/modules/users/policy.js";
import { rows, table } from "./support.js";

// The policies of accounts, settings, mail, background work, backups, notification preferences and
// the survey link: role × action → allowed ("ok") or the refusal's status.

describe("accounts, settings and operations policies", () => {
  it("decides who manages accounts, settings, mail, tasks and backups", () => {
    expect({
      manageUsers: table((a) => users.assertMayManageUsers(a)),
      listUsers: table((a) => users.assertMayListUsers(a)),
      readAnotherUser: table((a) => users.assertMayReadUser(a, "someone-else")),
      readOwnUser: table((a) => users.assertMayReadUser(a, a.id)),
      invitePortalUsers: table((a) => users.assertMayInvitePortalUsers(a)),
      readSettings: table((a) => settings.assertMayReadSettings(a)),
      editSettings: table((a) => settings.assertMayEditSettings(a)),
      readCompany: table((a) => settings.assertMayReadCompany(a)),
      editCompany: table((a) => settings.assertMayEditCompany(a)),
      manageOutbox: table((a) => mail.assertMayManageOutbox(a)),
      linkSender: table((a) => mail.assertMayLinkSender(a)),
      attachFiles: table((a) => mail.assertMayAttachFiles(a)),
      backgroundWork: table((a) => background.assertMayManageBackgroundWork(a)),
      backups: table((a) => backup.assertMayManageBackups(a)),
      notificationPrefs: table((a) => staffNotifications.assertMayEditOwnNotificationPrefs(a)),
      sendSurveyLink: table((a) => portal.assertMaySendSurveyLink(a)),
    }).toEqual(
      //     admin reception leader senior technician sales client
      rows({
        manageUsers: ["ok", 403, 403, 403, 403, 403, 403],
        listUsers: ["ok", "ok", "ok", "ok", "ok", "ok", 403],
        readAnotherUser: ["ok", "ok", "ok", "ok", "ok", "ok", 403],
        readOwnUser: ["ok", "ok", "ok", "ok", "ok", "ok", "ok"],
        invitePortalUsers: ["ok", "ok", "ok", 403, 403, "ok", 403],
        readSettings: ["ok", "ok", "ok", "ok", "ok", "ok", 403],
        editSettings: ["ok", 403, 403, 403, 403, 403, 403],
        readCompany: ["ok", "ok", "ok", "ok", "ok", "ok", 403],
        editCompany: ["ok", 403, 403, 403, 403, 403, 403],
        manageOutbox: ["ok", 403, 403, 403, 403, 403, 403],
        linkSender: ["ok", "ok", "ok", 403, 403, 403, 403],
        attachFiles: ["ok", "ok", "ok", "ok", "ok", "ok", 403],
        backgroundWork: ["ok", 403, 403, 403, 403, 403, 403],
        backups: ["ok", 403, 403, 403, 403, 403, 403],
        notificationPrefs: ["ok", "ok", "ok", "ok", "ok", "ok", 403],
        sendSurveyLink: ["ok", "ok", "ok", 403, 403, 403, 403],
      }),
    );
  });
});
