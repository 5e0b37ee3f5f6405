import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyPluginAsync,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.js";

/** A Fastify scope whose routes are typed by their zod schemas. */
export type Routes = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Routes under one URL root, stated relative to it ("" is the root itself). */
export type RouteGroup = (r: Routes, ctx: AppContext) => void;

/**
 * A feature's routes as one encapsulated plugin: one child plugin per URL root the feature serves,
 * registered with that root as its prefix (a root may name a parent record, `/tickets/:id`). app.ts
 * registers the feature under `/api`, so the full URL is `/api` + root + relative path.
 */
export function featureRoutes(groups: Record<string, RouteGroup>): FastifyPluginAsync<{ ctx: AppContext }> {
  return async (app, { ctx }) => {
    for (const [prefix, group] of Object.entries(groups)) {
      await app.register(async (scope) => group(scope.withTypeProvider<ZodTypeProvider>(), ctx), { prefix });
    }
  };
}
