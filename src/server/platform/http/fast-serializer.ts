import fastJson from "fast-json-stringify";
import type { FastifySerializerCompiler } from "fastify/types/schema.js";
import { serializerCompiler as zodSerializerCompiler } from "fastify-type-provider-zod";
import { z } from "zod";

/**
 * Response serialization for the hot routes (ticket list, detail, create): the zod response schema is
 * turned into JSON Schema once, at startup, and compiled by fast-json-stringify, instead of running
 * zod and then JSON.stringify on every answer. Other routes keep the zod serializer.
 *
 * What stays the same (test/api/fast-serializer.test.ts compares the bytes):
 * - only the schema's properties are written, in its order (zod strips unknown keys; so does this);
 * - a union answers with its first option the value satisfies: fast-json-stringify checks each anyOf
 *   option with ajv against the full schema (types, enums, required keys), as zod tries each option,
 *   so a staff ticket is written as a staff ticket and a client's as the client-facing shape;
 * - a value no option accepts is an error (500), not a silently wrong answer.
 * The OpenAPI document is generated from the zod schemas as before.
 */
const fast = new WeakSet<z.ZodType>();

/** Marks a response schema as hot: it is served through fast-json-stringify. */
export function fastResponse<T extends z.ZodType>(schema: T): T {
  fast.add(schema);
  return schema;
}

type Json = { [key: string]: unknown };
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * JSON Schema as fast-json-stringify reads it best: `X | null` as one schema whose type includes
 * "null" (an anyOf would be checked with ajv on every value), and objects open to extra keys, which
 * are dropped on output as zod drops them (zod's output schema says additionalProperties: false,
 * which would turn a stripped key into a failed match).
 */
export function forStringify(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forStringify);
  if (!isObject(schema)) return schema;
  const out: Json = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === "$schema" || k === "propertyNames" || (k === "additionalProperties" && v === false)) continue;
    out[k] = forStringify(v);
  }
  const options = out.anyOf as Json[] | undefined;
  if (
    options?.length === 2 &&
    isObject(options[1]) &&
    options[1].type === "null" &&
    Object.keys(options[1]).length === 1
  ) {
    const base: Json = options[0] ?? {};
    if (typeof base.type === "string") {
      const { anyOf: _, ...rest } = out;
      return {
        ...rest,
        ...base,
        type: [base.type, "null"],
        ...(Array.isArray(base.enum) ? { enum: [...base.enum, null] } : {}),
      };
    }
  }
  return out;
}

/** A stringify function for a zod response schema, compiled once. */
export function compileFastSerializer(schema: z.ZodType): (data: unknown) => string {
  const json = z.toJSONSchema(schema, { io: "output", unrepresentable: "any" });
  return fastJson(forStringify(json) as Parameters<typeof fastJson>[0]);
}

/** Fastify's serializer compiler: fast-json-stringify for schemas marked with fastResponse, zod otherwise. */
export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = (route) => {
  const schema = route.schema as z.ZodType;
  if (!fast.has(schema)) return zodSerializerCompiler(route as Parameters<typeof zodSerializerCompiler>[0]);
  return compileFastSerializer(schema);
};
