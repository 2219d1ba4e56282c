import type { ValidateFunction } from "ajv";
import { createAjv, describeErrors } from "./ajv-instance.js";
import { toJsonSchema } from "./openapi-schema.js";
import type { JsonSchema, OpenApiOperation, OpenApiParameter, OpenApiSpec } from "./openapi-types.js";
import { compileTemplate, matchTemplate, type CompiledTemplate } from "./path-template.js";

export interface RequestToValidate {
  method: string;
  /** Path without query string, as sent (may contain `%2F`). */
  pathname: string;
  query: URLSearchParams;
  /** Parsed JSON body, or undefined when none was sent. */
  body: unknown;
}

export interface OperationMatch {
  operationId: string;
  /** The path template from the description, e.g. `/repos/{owner}/{repo}/issues`. */
  template: string;
  pathParams: Record<string, string>;
  operation: OpenApiOperation;
}

export interface OpenApiValidator {
  match(method: string, pathname: string): OperationMatch | null;
  /** Human-readable violations of the description; empty when the request is valid. */
  validate(request: RequestToValidate): string[];
}

interface CompiledParameter {
  parameter: OpenApiParameter;
  schema: JsonSchema;
  check: ValidateFunction;
}

interface CompiledOperation {
  method: string;
  compiled: CompiledTemplate;
  operation: OpenApiOperation;
  pathParams: CompiledParameter[];
  queryParams: CompiledParameter[];
  body: ValidateFunction | undefined;
}

/** Parameters whose values are paths or refs and so may contain `/`, even if the description forgot to say so. */
const ALWAYS_MULTI_SEGMENT = new Set(["path", "ref"]);

export function createOpenApiValidator(spec: OpenApiSpec): OpenApiValidator {
  const operations = compileOperations(spec);
  const match = (method: string, pathname: string) => findOperation(operations, method, pathname);
  return {
    match: (method, pathname) => {
      const found = match(method, pathname);
      return found && toMatch(found.entry, found.pathParams);
    },
    validate: (request) => {
      const found = match(request.method, request.pathname);
      if (!found) return [`not in GitHub's REST description: ${request.method.toUpperCase()} ${request.pathname}`];
      return [
        ...checkPathParams(found.entry, found.pathParams),
        ...checkQuery(found.entry, request.query),
        ...checkBody(found.entry, request.body),
      ];
    },
  };
}

function compileOperations(spec: OpenApiSpec): CompiledOperation[] {
  const ajv = createAjv();
  const components = spec.components?.schemas ?? {};
  const compileSchema = (schema: unknown) => ajv.compile(toJsonSchema(schema ?? {}, components) as JsonSchema);
  const compileParam = (parameter: OpenApiParameter): CompiledParameter => {
    const schema = toJsonSchema(parameter.schema ?? {}, components) as JsonSchema;
    return { parameter, schema, check: ajv.compile(schema) };
  };
  const out: CompiledOperation[] = [];
  for (const [template, pathItem] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(pathItem)) {
      const parameters = operation.parameters ?? [];
      const multi = new Set(
        parameters.filter((p) => p["x-multi-segment"] || ALWAYS_MULTI_SEGMENT.has(p.name)).map((p) => p.name),
      );
      const jsonBody = operation.requestBody?.content["application/json"];
      out.push({
        method: method.toUpperCase(),
        compiled: compileTemplate(template, multi),
        operation,
        pathParams: parameters.filter((p) => p.in === "path").map(compileParam),
        queryParams: parameters.filter((p) => p.in === "query").map(compileParam),
        body: jsonBody ? compileSchema(jsonBody.schema) : undefined,
      });
    }
  }
  // Most literal segments first, so `/git/trees` is never taken for `/git/trees/{tree_sha}`'s sibling.
  return out.sort((a, b) => b.compiled.literalCount - a.compiled.literalCount);
}

function findOperation(operations: CompiledOperation[], method: string, pathname: string) {
  const upper = method.toUpperCase();
  for (const entry of operations) {
    if (entry.method !== upper) continue;
    const pathParams = matchTemplate(entry.compiled, pathname);
    if (pathParams) return { entry, pathParams };
  }
  return null;
}

function toMatch(entry: CompiledOperation, pathParams: Record<string, string>): OperationMatch {
  return {
    operationId: entry.operation.operationId,
    template: entry.compiled.template,
    pathParams,
    operation: entry.operation,
  };
}

function checkPathParams(entry: CompiledOperation, values: Record<string, string>): string[] {
  return entry.pathParams.flatMap((param) =>
    checkValue(param, `path parameter ${param.parameter.name}`, values[param.parameter.name]),
  );
}

function checkQuery(entry: CompiledOperation, query: URLSearchParams): string[] {
  const known = new Map(entry.queryParams.map((param) => [param.parameter.name, param]));
  const problems: string[] = [];
  for (const name of new Set(query.keys())) {
    const param = known.get(name);
    const values = query.getAll(name);
    // GitHub ignores unknown parameters; flagging them catches typos (`label=` for `labels=`) that would otherwise silently do nothing.
    if (!param) problems.push(`unknown query parameter ${name}`);
    else if (values.length > 1) problems.push(`query parameter ${name} given ${values.length} times`);
    else problems.push(...checkValue(param, `query parameter ${name}`, values[0]));
  }
  for (const param of entry.queryParams) {
    if (param.parameter.required && !query.has(param.parameter.name))
      problems.push(`missing required query parameter ${param.parameter.name}`);
  }
  return problems;
}

function checkValue(param: CompiledParameter, label: string, raw: string | undefined): string[] {
  if (raw === undefined) return param.parameter.required ? [`missing required ${label}`] : [];
  const value = coerce(raw, param.schema);
  return param.check(value) ? [] : describeErrors(label, param.check.errors);
}

/** Query and path values are strings on the wire; convert them the way GitHub's server reads them. */
function coerce(raw: string, schema: JsonSchema): unknown {
  const types = ([] as unknown[]).concat(schema.type ?? []);
  if ((types.includes("integer") || types.includes("number")) && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (types.includes("boolean") && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

function checkBody(entry: CompiledOperation, body: unknown): string[] {
  const absent = body === undefined || body === null || body === "";
  if (!entry.body) return absent || isEmptyObject(body) ? [] : ["request body sent to an operation that takes none"];
  if (absent) return entry.operation.requestBody?.required ? ["request body is required"] : [];
  return entry.body(body) ? [] : describeErrors("body", entry.body.errors);
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.keys(value).length === 0;
}
