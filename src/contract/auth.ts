import { z } from "zod";
import { ROLES } from "../domain/workflow.js";
import { BaseVersion, Email, Id, Line } from "./common.js";

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Locale = z.enum(["es-MX", "en"]);
export type Locale = z.infer<typeof Locale>;

export const Skill = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "input.skill");

/** The one password rule: setup, user creation, admin reset and self-service change. */
export const Password = z.string().min(10, "input.min_chars").max(200);

export const LoginBody = z.strictObject({ email: z.string().max(254), password: z.string().max(1000) });

export const Me = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  roles: z.array(Role),
  skills: z.array(z.string()),
  clientId: z.string().nullable(),
  locale: Locale,
  /** The business calendar's zone, in which the web app shows dates. */
  timeZone: z.string().optional(),
  csrfToken: z.string().optional(),
});
export type Me = z.infer<typeof Me>;

export const LoginResult = z.object({ user: Me, csrfToken: z.string() });

export const TokenBody = z.strictObject({ name: Line(100) });
export const TokenCreated = z.object({ id: Id, name: z.string(), token: z.string() });
export const TokenInfo = z.object({
  id: Id,
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const SetupStatus = z.object({ needsSetup: z.boolean(), companyName: z.string().nullable() });
export const SetupBody = z.strictObject({
  companyName: Line(200),
  supportEmail: Email,
  admin: z.strictObject({
    name: Line(200),
    email: Email,
    password: Password,
  }),
});

export const UserBody = z.strictObject({
  email: Email,
  name: Line(200),
  password: Password,
  roles: z.array(Role).min(1, "input.roles_min").max(7),
  skills: z.array(Skill).max(50).default([]),
  clientId: Id.optional(),
  locale: Locale.default("es-MX"),
});
export type UserBody = z.input<typeof UserBody>;

export const UserPatch = z.strictObject({
  name: Line(200).optional(),
  password: Password.optional(),
  roles: z.array(Role).min(1).max(7).optional(),
  skills: z.array(Skill).max(50).optional(),
  active: z.boolean().optional(),
  locale: Locale.optional(),
  version: BaseVersion,
});

export const User = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  roles: z.array(Role),
  skills: z.array(z.string()),
  clientId: z.string().nullable(),
  locale: Locale,
  active: z.boolean(),
  createdAt: z.string(),
  /** Bumped by every change to the account: an admin's edit names the version it was based on. */
  version: z.number(),
});
export type User = z.infer<typeof User>;

export const PasswordChangeBody = z.strictObject({
  currentPassword: z.string().min(1, "input.required").max(1000),
  newPassword: Password,
});

export const SessionInfo = z.object({
  id: Id,
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** The session this request came with. */
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** PATCH /api/auth/me: what a user changes of their own account. */
export const MePatchBody = z.strictObject({ locale: Locale.optional(), name: Line(200).optional() });
export const TokenList = z.object({ items: z.array(TokenInfo) });
export const UserListQuery = z.object({ role: z.string().max(20).optional() });
export const UserList = z.object({ items: z.array(User) });
export const SessionList = z.object({ items: z.array(SessionInfo) });
