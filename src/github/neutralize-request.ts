import { neutralizeMarkdown, neutralizeText } from "../sync/neutralize-mentions.js";

type Fields = Record<string, unknown>;
type Rule = [route: RegExp, neutralize: (body: Fields) => void];

const text = (body: Fields, key: string) => {
  if (typeof body[key] === "string") body[key] = neutralizeText(body[key]);
};
const markdown = (body: Fields, key: string) => {
  if (typeof body[key] === "string") body[key] = neutralizeMarkdown(body[key]);
};

/**
 * The last line of defence for "never pings": whatever a code path puts into a comment, a check
 * run, a milestone, a pull request or a commit message is neutralised on its way out. Issue
 * bodies are neutralised by the core when rendered (sync/desired-issue.ts) and are not touched
 * here, because a marker-only update carries a human's own edits, which are theirs to keep.
 */
const RULES: Rule[] = [
  [/^POST \/repos\/[^/]+\/[^/]+\/issues$/, (b) => (text(b, "title"), markdown(b, "body"))],
  [/^PATCH \/repos\/[^/]+\/[^/]+\/issues\/[^/]+$/, (b) => text(b, "title")],
  [/^POST \/repos\/[^/]+\/[^/]+\/issues\/[^/]+\/comments$/, (b) => markdown(b, "body")],
  [/^(POST|PATCH) \/repos\/[^/]+\/[^/]+\/milestones/, (b) => (text(b, "title"), markdown(b, "description"))],
  [/^(POST|PATCH) \/repos\/[^/]+\/[^/]+\/pulls/, (b) => (text(b, "title"), markdown(b, "body"))],
  [/^POST \/repos\/[^/]+\/[^/]+\/git\/commits$/, (b) => text(b, "message")],
  [/^PUT \/repos\/[^/]+\/[^/]+\/contents\//, (b) => text(b, "message")],
  [/^(POST|PATCH) \/repos\/[^/]+\/[^/]+\/check-runs/, (b) => checkRunOutput(b.output)],
  // GraphQL: github.com's /graphql, or GitHub Enterprise Server's /api/graphql.
  [/^POST (\/api)?\/graphql$/, (b) => graphqlMutations(b)],
];

/**
 * GraphQL mutations that carry doc text, neutralised as their REST routes are: `createIssue` as
 * `POST /repos/{o}/{r}/issues` (title as text, body as markdown). Doc text goes in variables
 * (a literal in the query would need escaping anyway), so every input variable of such a
 * mutation is treated, however many are aliased into one request.
 */
const MUTATIONS: [name: RegExp, neutralize: (input: Fields) => void][] = [
  [/\bcreateIssue\s*\(/, (input) => (text(input, "title"), markdown(input, "body"))],
];

function graphqlMutations(body: Fields): void {
  const query = typeof body.query === "string" ? body.query : "";
  const variables = body.variables;
  if (!variables || typeof variables !== "object") return;
  for (const [name, neutralize] of MUTATIONS) {
    if (!name.test(query)) continue;
    for (const input of Object.values(variables as Fields))
      if (input && typeof input === "object" && !Array.isArray(input)) neutralize(input as Fields);
  }
}

function checkRunOutput(output: unknown): void {
  if (!output || typeof output !== "object") return;
  const o = output as Fields;
  text(o, "title");
  markdown(o, "summary");
  markdown(o, "text");
  if (Array.isArray(o.annotations)) for (const a of o.annotations as Fields[]) (text(a, "title"), text(a, "message"));
}

/** Neutralises the request's fields in place; `url` is octokit's template or the expanded path. */
export function neutralizeRequest(method: string, url: string, options: Fields): void {
  const route = `${method} ${url.replace(/^https?:\/\/[^/]+(\/api\/v3)?/, "").replace(/\{(\w+)\}/g, "x")}`;
  for (const [pattern, neutralize] of RULES) if (pattern.test(route)) neutralize(options);
}
