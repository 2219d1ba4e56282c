/**
 * Matches request paths against OpenAPI path templates such as `/repos/{owner}/{repo}/contents/{path}`.
 * Parameters marked multi-segment (GitHub's `x-multi-segment`) may span `/`, because clients send
 * `docs/plan.md` or `heads/feature/x` either raw or with `%2F`; other parameters are one segment.
 */
export interface CompiledTemplate {
  template: string;
  names: string[];
  regex: RegExp;
  /** Literal segments win over parameters when two templates match (`/git/trees` vs `/git/trees/{sha}`). */
  literalCount: number;
}

export function compileTemplate(template: string, multiSegment: ReadonlySet<string>): CompiledTemplate {
  const names: string[] = [];
  let literalCount = 0;
  const source = template
    .split("/")
    .map((segment) =>
      segment.replace(/\{([^}]+)\}|[^{}]+/g, (part, name: string | undefined) => {
        if (name === undefined) {
          literalCount++;
          return escapeRegExp(part);
        }
        names.push(name);
        return multiSegment.has(name) ? "(.+)" : "([^/]+)";
      }),
    )
    .join("/");
  return { template, names, regex: new RegExp(`^${source}$`), literalCount };
}

/** Returns decoded parameter values, or null when the path does not fit the template. */
export function matchTemplate(compiled: CompiledTemplate, pathname: string): Record<string, string> | null {
  const match = compiled.regex.exec(pathname);
  if (!match) return null;
  const params: Record<string, string> = {};
  compiled.names.forEach((name, index) => {
    params[name] = safeDecode(match[index + 1] ?? "");
  });
  return params;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
