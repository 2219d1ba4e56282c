/** Response values and GitHub-shaped error bodies. */

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  /** A JSON value, a string (raw media types), or undefined for empty bodies. */
  body: unknown;
}

const JSON_TYPE = "application/json; charset=utf-8";

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { "content-type": JSON_TYPE, ...headers }, body };
}

export function text(status: number, body: string, contentType: string): SimResponse {
  return { status, headers: { "content-type": contentType }, body };
}

export function noContent(): SimResponse {
  return { status: 204, headers: {}, body: undefined };
}

/** GitHub's plain error: `{message, documentation_url, status}` (status is a string on GitHub). */
export function ghError(
  status: number,
  message: string,
  documentationUrl = "https://docs.github.com/rest",
): SimResponse {
  return json(status, { message, documentation_url: documentationUrl, status: String(status) });
}

export function notFound(documentationUrl?: string): SimResponse {
  return ghError(404, "Not Found", documentationUrl);
}

export interface FieldError {
  resource: string;
  field?: string;
  code: "missing" | "missing_field" | "invalid" | "already_exists" | "unprocessable" | "custom";
  value?: unknown;
  message?: string;
}

/** 422 "Validation Failed" with an `errors` array, as GitHub answers semantic problems. */
export function validationFailed(errors: FieldError[], documentationUrl = "https://docs.github.com/rest"): SimResponse {
  return json(422, { message: "Validation Failed", errors, documentation_url: documentationUrl, status: "422" });
}
