import { User, UserBody, UserList, UserListQuery, UserPatch } from "../../../contract/auth.js";
import { IdParams } from "../../../contract/common.js";
import { PortalUser, PortalUserList } from "../../../contract/staff.js";
import type { AppContext } from "../../context.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { featureRoutes, type Routes } from "../../platform/http/route-groups.js";
import { withBaseVersion } from "../../platform/http/versioning.js";
import * as portal from "./portal-users.js";
import * as users from "./users.js";

/** Staff accounts (admins), and the portal accounts staff invite for a client's contacts. */
export const userRoutes = featureRoutes({
  "/users": usersGroup,
  "/clients/:id": clientPortalUsersGroup,
  "/contacts/:id": contactInviteGroup,
});

function usersGroup(r: Routes, ctx: AppContext): void {
  r.get("", {
    schema: {
      tags: ["users"],
      querystring: UserListQuery,
      response: { 200: UserList },
    },
    handler: async (req) => ({ items: await users.listUsers(ctx, actorOf(req), req.query.role) }),
  });
  r.post("", {
    schema: { tags: ["users"], body: UserBody, response: { 201: User } },
    handler: async (req, reply) =>
      reply.status(201).send(await users.createUser(ctx, actorOf(req), req.body)),
  });
  r.get("/:id", {
    schema: { tags: ["users"], params: IdParams, response: { 200: User } },
    handler: async (req) => users.getUser(ctx, actorOf(req), req.params.id),
  });
  r.patch("/:id", {
    schema: { tags: ["users"], params: IdParams, body: UserPatch, response: { 200: User } },
    handler: async (req) =>
      users.updateUser(ctx, actorOf(req), req.params.id, withBaseVersion(req, req.body)),
  });
}

/** Portal accounts of a client's contacts, invited by staff. */
function clientPortalUsersGroup(r: Routes, ctx: AppContext): void {
  r.get("/portal-users", {
    schema: {
      tags: ["clients"],
      params: IdParams,
      response: { 200: PortalUserList },
    },
    handler: async (req) => ({ items: await portal.listPortalUsers(ctx, actorOf(req), req.params.id) }),
  });
}

function contactInviteGroup(r: Routes, ctx: AppContext): void {
  r.post("/portal-invite", {
    schema: { tags: ["clients"], params: IdParams, response: { 200: PortalUser } },
    handler: async (req) => portal.invitePortalUser(ctx, actorOf(req), req.params.id),
  });
}
