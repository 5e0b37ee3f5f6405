import type { FastifyDynamicSwaggerOptions } from "@fastify/swagger";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import { z } from "zod";
import { codesWithStatus, ERROR_CODES, errorEnvelope } from "../../../contract/errors.js";

/**
 * The OpenAPI document states what every route may answer besides success: the error envelope (one
 * shared schema, `code` narrowed to the codes of each status), the Idempotency-Key and If-Match request
 * headers, and the Idempotent-Replayed and Retry-After response headers. It is decided here, centrally,
 * from facts each route already declares (public, method, input, `version` in the body), so every
 * route — including those added later — is documented the same way without repeating itself.
 */

interface RouteFacts {
  method: string;
  public: boolean;
  idempotent: boolean;
  hasBody: boolean;
  hasInput: boolean;
  hasParams: boolean;
  versioned: boolean;
}

/** Public routes answer a few codes of their own (a refused password, an instance already set up). */
const PUBLIC_EXTRA: Record<string, number[]> = {
  "POST /api/auth/login": [401],
  "POST /api/setup": [409],
  "POST /api/portal/session": [401],
  "GET /api/service-orders/by-link": [410],
  "POST /api/service-orders/by-link/decision": [409, 410],
  "GET /api/service-orders/by-link/pdf": [410],
};

/** Liveness probes are never rate-limited (platform/http/rate-limit.ts). */
const UNLIMITED = new Set(["GET /api/health", "GET /api/ready"]);

const STATUS_TEXT: Record<number, string> = {
  400: "Invalid input (body, query, path or header)",
  401: "Not signed in, or the session or token is no longer valid",
  403: "Signed in but not allowed (role, record or CSRF token)",
  404: "No such record, or one of another company",
  409: "Stale version, duplicate, refused transition or a retry still in flight",
  410: "The link expired or was already used",
  408: "The request did not arrive in full in time (answered by the HTTP parser, before any route)",
  413: "Body larger than 1 MiB",
  415: "Body is not JSON (text/plain, XML, a form…): `unsupported_media_type`",
  422: "Understood but refused (a reason is required, an Idempotency-Key reused with another body…)",
  429: "Too many requests; wait Retry-After seconds",
  431: "Request headers over 16 KB (too many cookies; answered by the HTTP parser, before any route)",
  500: "Unexpected server error",
  503: "Database or storage unavailable; retry after Retry-After seconds",
};

/** Which error statuses a route can answer, from what it declares. */
export function errorStatuses(key: string, f: RouteFacts): number[] {
  const writes = f.method !== "GET" && f.method !== "HEAD";
  // 408 and 431 come from Node's HTTP parser, before any route (clientErrorAnswer): any operation.
  const statuses = new Set<number>([408, 431, 500, 503]);
  if (f.hasInput || f.idempotent || f.versioned) statuses.add(400);
  if (f.hasBody) for (const s of [413, 415]) statuses.add(s);
  if (!UNLIMITED.has(key)) statuses.add(429);
  if (!f.public) {
    for (const s of [401, 403]) statuses.add(s);
    if (f.hasParams || writes) statuses.add(404);
    if (writes) for (const s of [409, 422]) statuses.add(s);
  }
  for (const s of PUBLIC_EXTRA[key] ?? []) statuses.add(s);
  return [...statuses].sort((a, b) => a - b);
}

type OpenapiOptions = NonNullable<FastifyDynamicSwaggerOptions["openapi"]>;
type SchemaObject = NonNullable<NonNullable<OpenapiOptions["components"]>["schemas"]>[string];

/** zod 4 emits draft 2020-12 JSON Schema, which is what an OpenAPI 3.1 schema object is. */
const jsonSchema = (schema: z.ZodType): SchemaObject => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "output", unrepresentable: "any" });
  return rest as SchemaObject;
};

const RETRY_AFTER = { description: "Seconds to wait before retrying", schema: { type: "integer" } };

function errorResponse(status: number) {
  const codes = codesWithStatus(status);
  return {
    description: `${STATUS_TEXT[status] ?? "Error"} — ${codes.join(", ")}`,
    ...(status === 429 || status === 503 ? { headers: { "Retry-After": RETRY_AFTER } } : {}),
    content: { "application/json": { schema: jsonSchema(errorEnvelope(codes)) } },
  };
}

const IDEMPOTENCY_KEY = {
  in: "header",
  name: "Idempotency-Key",
  required: false,
  description:
    "Any 1–200 printable ASCII characters, unique per intended change. A retry with the same key, " +
    "method, path and body gets the first answer again (with Idempotent-Replayed: true) for 24 h.",
  schema: { type: "string", minLength: 1, maxLength: 200 },
};

const IF_MATCH = {
  in: "header",
  name: "If-Match",
  required: false,
  description:
    'The version the edit is based on (`3` or `"3"`), instead of `version` in the body; an older one gets 409 `conflict` with `details.current`.',
  schema: { type: "string" },
};

const REPLAYED = {
  description: "`true` when this is the stored answer to an earlier request with the same Idempotency-Key",
  schema: { type: "string", enum: ["true"] },
};

/** Answers stored with the key and replayed; a 401, 403, 429 or 5xx frees it (idempotency.ts). */
const REPLAYED_ERRORS = new Set(["400", "404", "409", "422"]);

type Operation = {
  parameters?: Array<{ in: string; name: string }>;
  responses?: Record<string, { headers?: Record<string, unknown> }>;
};

function documentOperation(op: Operation, key: string, facts: RouteFacts): void {
  op.responses ??= {};
  for (const status of errorStatuses(key, facts)) op.responses[String(status)] ??= errorResponse(status);
  op.parameters ??= [];
  const params = op.parameters;
  const addHeader = (header: { in: string; name: string }) => {
    if (!params.some((p) => p.in === "header" && p.name.toLowerCase() === header.name.toLowerCase())) {
      params.push(header);
    }
  };
  if (facts.idempotent) {
    addHeader(IDEMPOTENCY_KEY);
    for (const [status, response] of Object.entries(op.responses)) {
      if (status.startsWith("2") || REPLAYED_ERRORS.has(status)) {
        response.headers = { ...response.headers, "Idempotent-Replayed": REPLAYED };
      }
    }
  }
  if (facts.versioned) addHeader(IF_MATCH);
}

type Schema = Record<string, unknown> & { body?: { properties?: Record<string, unknown> } };

/** The @fastify/swagger options: zod schemas to JSON Schema, then each operation's errors and headers. */
export function openapiDocOptions(openapi: OpenapiOptions): FastifyDynamicSwaggerOptions {
  const facts = new Map<string, RouteFacts>();
  return {
    openapi,
    transform: (args) => {
      const out = jsonSchemaTransform(args);
      const schema = (out.schema ?? {}) as Schema;
      const config = (args.route.config ?? {}) as { public?: boolean; idempotent?: boolean };
      const isPublic = config.public === true;
      for (const method of [args.route.method].flat()) {
        facts.set(`${method} ${args.url}`, {
          method,
          public: isPublic,
          idempotent: method === "POST" && !isPublic && config.idempotent !== false,
          hasBody: Boolean(schema.body),
          hasParams: Boolean(schema.params),
          hasInput: Boolean(schema.body || schema.params || schema.querystring),
          versioned: (method === "PATCH" || method === "PUT") && Boolean(schema.body?.properties?.version),
        });
      }
      return out;
    },
    transformObject: (doc) => {
      const document = "openapiObject" in doc ? doc.openapiObject : doc.swaggerObject;
      const paths = (document.paths ?? {}) as Record<string, Record<string, Operation>>;
      for (const [path, operations] of Object.entries(paths)) {
        const url = path.replace(/\{(\w+)\}/g, ":$1");
        for (const [method, op] of Object.entries(operations)) {
          const key = `${method.toUpperCase()} ${url}`;
          const routeFacts = facts.get(key);
          if (routeFacts) documentOperation(op, key, routeFacts);
        }
      }
      // Every code of the table in one place, for clients that generate types from the document.
      const withComponents = document as { components?: { schemas?: Record<string, SchemaObject> } };
      withComponents.components ??= {};
      const { components } = withComponents;
      components.schemas = { ...components.schemas, ErrorEnvelope: jsonSchema(errorEnvelope(ERROR_CODES)) };
      return document;
    },
  };
}
