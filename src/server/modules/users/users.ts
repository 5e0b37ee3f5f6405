import type { z } from "zod";
import { Password, type SetupBody, type User, UserBody, type UserPatch } from "../../../contract/auth.js";
import { normalizeEmail } from "../../../domain/text.js";
import type { Actor, AppContext } from "../../context.js";
import { auditRepo } from "../../platform/audit/repository.js";
import { onDuplicate } from "../../platform/database/duplicates.js";
import { stillThere } from "../../platform/database/still-there.js";
import { AppError, conflict, invalid, notFound } from "../../platform/errors.js";
import { checkBaseVersion, staleEdit } from "../../platform/http/versions.js";
import { issueText } from "../../platform/i18n/index.js";
import { newId } from "../../platform/ids.js";
import { revokeAccess } from "../auth/account.js";
import { hashPassword, startSession } from "../auth/auth.js";
import { clientsRepo } from "../clients/repository.js";
import { COMPANY_SETTING } from "../settings/company.js";
import { settingsRepo } from "../settings/repository.js";
import { readSetting } from "../settings/stored-settings.js";
import { assertMayListUsers, assertMayManageUsers, assertMayReadUser } from "./policy.js";
import { toUser, type UserRow, usersRepo } from "./repository.js";

type NewUser = z.output<typeof UserBody>;

async function insertUser(ctx: AppContext, input: NewUser, actorId: string | null): Promise<UserRow> {
  const email = normalizeEmail(input.email);
  if (await usersRepo.byEmail(ctx.db, email)) throw conflict("user.email_taken", {}, { field: "email" });
  const isClient = input.roles.includes("client");
  if (isClient && input.roles.length > 1) throw invalid("user.client_with_staff_roles");
  if (isClient !== Boolean(input.clientId)) {
    throw invalid("user.client_id_mismatch", {}, { field: "clientId" });
  }
  if (input.clientId && !(await clientsRepo.byIdForPeople(ctx.db, input.clientId))) throw notFound("client");
  const now = ctx.clock().toISOString();
  const row: UserRow = {
    id: newId(),
    email,
    name: input.name,
    password_hash: await hashPassword(input.password),
    roles: JSON.stringify([...new Set(input.roles)]),
    skills: JSON.stringify([...new Set(input.skills)]),
    client_id: input.clientId ?? null,
    contact_id: null,
    invited_at: null,
    locale: input.locale,
    active: 1,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  // The check above and this insert race with a concurrent create of the same e-mail: the index decides.
  await onDuplicate(
    ctx.db.transaction().execute(async (trx) => {
      await usersRepo.insert(trx, row);
      await auditRepo.record(trx, {
        entity: "user",
        entityId: row.id,
        at: now,
        actorId,
        action: "create",
        changes: { email, roles: input.roles, skills: input.skills },
      });
    }),
    () => conflict("user.email_taken", {}, { field: "email" }),
  );
  return row;
}

export async function createUser(ctx: AppContext, actor: Actor, input: NewUser): Promise<User> {
  assertMayManageUsers(actor);
  return toUser(await insertUser(ctx, input, actor.id));
}

export async function listUsers(ctx: AppContext, actor: Actor, role?: string): Promise<User[]> {
  assertMayListUsers(actor);
  const users = (await usersRepo.list(ctx.db)).map(toUser);
  return role ? users.filter((u) => u.roles.some((r) => r === role)) : users;
}

export async function getUser(ctx: AppContext, actor: Actor, id: string): Promise<User> {
  assertMayReadUser(actor, id);
  const row = await usersRepo.byId(ctx.db, id);
  if (!row) throw notFound("user");
  return toUser(row);
}

export async function updateUser(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: z.output<typeof UserPatch>,
): Promise<User> {
  assertMayManageUsers(actor);
  const row = await usersRepo.byId(ctx.db, id);
  if (!row) throw notFound("user");
  await checkBaseVersion(patch.version, row.version, "user", () => toUser(row));
  if (id === actor.id && (patch.active === false || (patch.roles && !patch.roles.includes("admin")))) {
    throw new AppError("precondition_failed", "user.self_demote");
  }
  const now = ctx.clock().toISOString();
  const set: Partial<UserRow> = { updated_at: now };
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.roles) set.roles = JSON.stringify([...new Set(patch.roles)]);
  if (patch.skills) set.skills = JSON.stringify([...new Set(patch.skills)]);
  if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
  if (patch.locale) set.locale = patch.locale;
  if (patch.password) set.password_hash = await hashPassword(patch.password);
  const written = await ctx.db.transaction().execute(async (trx) => {
    if (!(await usersRepo.updateAt(trx, id, row.version, set))) return false;
    // A reset password or a deactivated user leaves no session or API token behind; role changes need
    // none of this, since sessions and tokens take the user's current roles on every request.
    if (patch.active === false || patch.password) await revokeAccess(trx, id, now);
    const { password: _omit, version: _base, ...visible } = patch;
    await auditRepo.record(trx, {
      entity: "user",
      entityId: id,
      at: now,
      actorId: actor.id,
      action: "update",
      changes: { ...visible, ...(patch.password ? { password: "changed" } : {}) },
    });
    return true;
  });
  const saved = toUser(stillThere(await usersRepo.byId(ctx.db, id), "user"));
  // Someone saved the account between the read and the write: theirs stays, the caller sees it.
  if (!written) throw staleEdit("user", saved);
  return saved;
}

export async function updateMe(
  ctx: AppContext,
  actor: Actor,
  patch: { locale?: "es-MX" | "en"; name?: string },
) {
  const set: Partial<UserRow> = { updated_at: ctx.clock().toISOString() };
  if (patch.locale) set.locale = patch.locale;
  if (patch.name) set.name = patch.name;
  await usersRepo.update(ctx.db, actor.id, set);
  return toUser(stillThere(await usersRepo.byId(ctx.db, actor.id), "user"));
}

export async function setupStatus(ctx: AppContext) {
  const company = await readSetting(ctx, COMPANY_SETTING);
  return { needsSetup: (await usersRepo.count(ctx.db)) === 0, companyName: company.name ?? null };
}

/** The one-time setup page: allowed only while there is no user at all. */
export async function runSetup(ctx: AppContext, input: z.output<typeof SetupBody>) {
  if ((await usersRepo.count(ctx.db)) > 0) throw conflict("setup.done");
  const now = ctx.clock().toISOString();
  // Two setup pages submitted at once would both see no user: only the one that claims the marker goes on.
  if (!(await settingsRepo.insertIfAbsent(ctx.db, "setup", { at: now }, now, null))) {
    throw conflict("setup.done");
  }
  let row: UserRow;
  try {
    row = await insertUser(
      ctx,
      { ...input.admin, roles: ["admin"], skills: [], locale: "es-MX", clientId: undefined },
      null,
    );
  } catch (err) {
    await settingsRepo.delete(ctx.db, "setup");
    throw err;
  }
  await settingsRepo.put(
    ctx.db,
    "company",
    { name: input.companyName, supportEmail: input.supportEmail },
    now,
    null,
  );
  return startSession(ctx, row);
}

/** First start with MESA_ADMIN_EMAIL/MESA_ADMIN_PASSWORD creates the first admin when no user exists. */
/** Creates the first admin from MESA_ADMIN_EMAIL/PASSWORD when there is no user; true when it did. */
export async function bootstrapAdmin(ctx: AppContext): Promise<boolean> {
  const { adminEmail, adminPassword } = ctx.config;
  if (!adminEmail || !adminPassword || (await usersRepo.count(ctx.db)) > 0) return false;
  const rule = Password.safeParse(adminPassword);
  const [issue] = rule.error?.issues ?? [];
  if (issue) throw new Error(`MESA_ADMIN_PASSWORD: ${issueText(issue)}`);
  try {
    await insertUser(
      ctx,
      {
        email: adminEmail,
        name: "Administrador",
        password: adminPassword,
        roles: ["admin"],
        skills: [],
        locale: "es-MX",
      },
      null,
    );
    return true;
  } catch (err) {
    // Another instance starting at the same moment may have created it first.
    if (!(err instanceof AppError) && (await usersRepo.count(ctx.db)) === 0) throw err;
    return false;
  }
}

/** `npm run create-admin`: an admin account from the command line (first one, or recovery). */
export async function createAdmin(
  ctx: AppContext,
  input: { email: string; name: string; password: string },
): Promise<User> {
  const body = UserBody.parse({ ...input, roles: ["admin"], skills: [], locale: "es-MX" });
  return toUser(await insertUser(ctx, body, null));
}

/** Whether anyone can sign in yet (else the web app shows the one-time setup page). */
export async function hasUsers(ctx: AppContext): Promise<boolean> {
  return (await usersRepo.count(ctx.db)) > 0;
}
