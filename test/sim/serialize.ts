/** Wire form of a simulated body: strings (raw media types) as they are, JSON otherwise. */
export function serializeBody(body: unknown): string {
  if (body === undefined) return "";
  return typeof body === "string" ? body : JSON.stringify(body);
}
