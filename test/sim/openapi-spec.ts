import { readFileSync } from "node:fs";
import type { OpenApiSpec } from "./openapi-types.js";
import { createOpenApiValidator, type OpenApiValidator } from "./openapi-validator.js";

/** The committed, trimmed GitHub REST description (see scripts/trim-openapi.mjs). */
const SPEC_URL = new URL("../openapi/api.github.com.trimmed.json", import.meta.url);

let spec: OpenApiSpec | undefined;
let validator: OpenApiValidator | undefined;

export function githubSpec(): OpenApiSpec {
  spec ??= JSON.parse(readFileSync(SPEC_URL, "utf8")) as OpenApiSpec;
  return spec;
}

/** Compiling ~30 operations with ajv takes a moment; every simulator shares one validator. */
export function githubValidator(): OpenApiValidator {
  validator ??= createOpenApiValidator(githubSpec());
  return validator;
}
