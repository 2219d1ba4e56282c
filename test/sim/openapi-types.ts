/** The small slice of OpenAPI 3.0 that the trimmed GitHub description uses and the validator reads. */

export type JsonSchema = { [keyword: string]: unknown };

export interface OpenApiParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: JsonSchema;
  /** GitHub's marker for path parameters that may contain `/` (contents paths, refs, branch names). */
  "x-multi-segment"?: boolean;
}

export interface OpenApiOperation {
  operationId: string;
  externalDocs?: { description?: string; url?: string };
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string }>;
}

export interface OpenApiSpec {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}
