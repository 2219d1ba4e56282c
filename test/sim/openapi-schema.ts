import type { JsonSchema } from "./openapi-types.js";

/**
 * Turns an OpenAPI 3.0 schema from GitHub's description into plain JSON Schema that ajv accepts:
 * - `$ref: #/components/schemas/x` is inlined, so each compiled validator is self-contained;
 * - `nullable: true` becomes an explicit `null` alternative (ajv rejects `nullable` without `type`,
 *   and GitHub uses it next to `oneOf`);
 * - `oneOf` becomes `anyOf`: GitHub's alternatives overlap (e.g. objects without required keys), and
 *   its server accepts a value matching any of them, so `oneOf` would reject valid requests.
 */
export function toJsonSchema(schema: unknown, components: Record<string, JsonSchema>): unknown {
  return normalize(schema, components, []);
}

/** Keywords whose values are data, not schemas: never rewrite them. */
const DATA_KEYWORDS = new Set(["enum", "const", "default", "required"]);
/** Annotations that only add noise (and may contain `$ref`-like example data). */
const DROPPED_KEYWORDS = new Set(["example", "examples", "x-github", "externalDocs"]);

function normalize(node: unknown, components: Record<string, JsonSchema>, refStack: string[]): unknown {
  if (Array.isArray(node)) return node.map((item) => normalize(item, components, refStack));
  if (!isObject(node)) return node;
  if (typeof node.$ref === "string")
    return normalize(resolveRef(node.$ref, components, refStack), components, [...refStack, node.$ref]);
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED_KEYWORDS.has(key) || key === "nullable") continue;
    const target = key === "oneOf" ? "anyOf" : key;
    out[target] = DATA_KEYWORDS.has(key) ? value : normalize(value, components, refStack);
  }
  return node.nullable === true ? allowNull(out) : out;
}

function resolveRef(ref: string, components: Record<string, JsonSchema>, refStack: string[]): JsonSchema {
  const prefix = "#/components/schemas/";
  if (!ref.startsWith(prefix)) throw new Error(`unsupported $ref ${ref}`);
  if (refStack.includes(ref)) throw new Error(`recursive schema ${ref} is not supported by the validator`);
  const target = components[ref.slice(prefix.length)];
  if (!target) throw new Error(`dangling $ref ${ref}`);
  return target;
}

function allowNull(schema: JsonSchema): JsonSchema {
  const simpleType = typeof schema.type === "string" && !("anyOf" in schema) && !("allOf" in schema);
  if (!simpleType) return { anyOf: [schema, { type: "null" }] };
  const out: JsonSchema = { ...schema, type: [schema.type, "null"] };
  if (Array.isArray(schema.enum)) out.enum = [...schema.enum, null];
  return out;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
