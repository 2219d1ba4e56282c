import { validationFailed, type SimResponse } from "./responses.js";

/** GitHub's documented size limits on what a client writes, by operation: field path → maximum length. */
const LIMITS: Record<string, [path: string, max: number][]> = {
  "issues/create": [
    ["title", 256],
    ["body", 65_536],
  ],
  "issues/update": [
    ["title", 256],
    ["body", 65_536],
  ],
  "issues/create-comment": [["body", 65_536]],
  "checks/create": [
    ["output.summary", 65_535],
    ["output.text", 65_535],
  ],
  "checks/update": [
    ["output.summary", 65_535],
    ["output.text", 65_535],
  ],
};
const ANNOTATION_TITLE = 255;

/** The 422 GitHub answers when a field is over its limit, or undefined when the request fits. */
export function sizeLimitViolation(operationId: string | null, body: unknown): SimResponse | undefined {
  const fields = body && typeof body === "object" ? (body as Record<string, any>) : {};
  for (const [path, max] of LIMITS[operationId ?? ""] ?? []) {
    const value = path.split(".").reduce<any>((o, key) => o?.[key], fields);
    if (typeof value === "string" && value.length > max)
      return validationFailed([
        {
          resource: "Issue",
          field: path,
          code: "custom",
          message: `${path} is too long (maximum is ${max} characters)`,
        },
      ]);
  }
  const annotations: any[] = fields.output?.annotations ?? [];
  if (annotations.some((a) => typeof a.title === "string" && a.title.length > ANNOTATION_TITLE))
    return validationFailed([
      { resource: "CheckRun", field: "title", code: "custom", message: "annotation title is too long" },
    ]);
  return undefined;
}
