import { z } from "zod";
import { configSchema, type PlansyncConfig } from "./config-schema.js";

export type ConfigResult = { ok: true; config: PlansyncConfig } | { ok: false; errors: string[] };

/**
 * Validates the raw YAML data of `.github/plansync.yml` (null when there is none: defaults).
 * Errors name the key, what is wrong and what is allowed.
 */
export function readConfig(raw: unknown): ConfigResult {
  const result = configSchema.safeParse(raw ?? {});
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, errors: result.error.issues.map(describeIssue) };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.length ? issue.path.join(".") : "(top level)";
  if (issue.code === "unrecognized_keys") {
    const allowed = Object.keys(shapeAt(issue.path)).join(", ");
    return `${key}: unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}; allowed keys are ${allowed}`;
  }
  return `${key}: ${issue.message}`;
}

/** The keys the schema allows at a path, for error messages. */
function shapeAt(path: readonly PropertyKey[]): Record<string, unknown> {
  let schema: z.ZodType = configSchema;
  for (const key of path) {
    const inner = unwrap(schema);
    if (!(inner instanceof z.ZodObject)) return {};
    schema = inner.shape[String(key)] as z.ZodType;
  }
  const inner = unwrap(schema);
  return inner instanceof z.ZodObject ? inner.shape : {};
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodDefault || current instanceof z.ZodOptional || current instanceof z.ZodNullable)
      current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodPipe) current = current.out as z.ZodType;
    else return current;
  }
}
