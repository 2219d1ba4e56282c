import { AUTO_LABEL_COLOR, addLabel, findLabel } from "./issue-fields.js";
import { paginate } from "./pagination.js";
import { labelJson } from "./present-issue.js";
import { json, validationFailed } from "./responses.js";
import { bodyAs, type RepoHandler } from "./route-context.js";

/** `GET/POST /repos/{owner}/{repo}/labels`. */

export const listLabels: RepoHandler = (ctx) => {
  const page = paginate(ctx, ctx.repo.labels);
  return json(
    200,
    page.items.map((label) => labelJson(ctx.repo, ctx.urls, label)),
    page.headers,
  );
};

export const createLabel: RepoHandler = (ctx) => {
  const {
    name,
    color = AUTO_LABEL_COLOR,
    description = null,
  } = bodyAs<{ name: string; color?: string; description?: string | null }>(ctx);
  if (findLabel(ctx.repo, name))
    return validationFailed([{ resource: "Label", code: "already_exists", field: "name" }], ctx.docs);
  // GitHub wants six hex digits without the leading `#`.
  if (!/^[0-9a-f]{6}$/i.test(color))
    return validationFailed([{ resource: "Label", code: "invalid", field: "color" }], ctx.docs);
  const label = addLabel(ctx.state, ctx.repo, name, color, description);
  return json(201, labelJson(ctx.repo, ctx.urls, label));
};
