import { Ajv, type ErrorObject } from "ajv";
import addFormatsModule from "ajv-formats";

/**
 * ajv-formats is CommonJS; under NodeNext its default import is typed as the module namespace,
 * while at runtime it is the plugin itself (which also carries `.default`). Accept both shapes.
 */
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

/** One ajv configured for GitHub's description: lenient about unknown keywords, strict about data. */
export function createAjv(): Ajv {
  // strict: false because the description carries OpenAPI-only keywords (x-*, readOnly, example, ...).
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  // GitHub-specific format used by pulls/create `head_repo`: an "owner/name" repository reference.
  ajv.addFormat("repo.nwo", /^[^/\s]+\/[^/\s]+$/);
  return ajv;
}

/** Renders ajv errors as short sentences, e.g. `body.labels must be array`. */
export function describeErrors(label: string, errors: ErrorObject[] | null | undefined): string[] {
  const messages = (errors ?? []).map((error) => {
    const where = label + error.instancePath.replaceAll("/", ".");
    const allowed =
      error.keyword === "enum" ? `: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(", ")}` : "";
    return `${where} ${error.message ?? "is invalid"}${allowed}`;
  });
  return [...new Set(messages)];
}
