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
];

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
