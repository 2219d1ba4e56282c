import { CONFIG_PATH } from "../github/load-config.js";

export interface ActionInputs {
  token: string;
  /** A token that can reach the Projects board (`project-token`); boards use `token` without it. */
  projectToken?: string;
  configPath: string;
  dryRun: boolean;
}

/**
 * The `with:` inputs as the runner passes them: `INPUT_<NAME>`, upper-cased, spaces as `_`.
 * Throws with what to set when the token is missing.
 */
export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const input = (name: string) => (env[`INPUT_${name.toUpperCase().replace(/ /g, "_")}`] ?? "").trim();
  const token = input("token") || env.GITHUB_TOKEN || "";
  if (!token)
    throw new Error(
      "no token: the `token` input is empty. Leave it at its default (`${{ github.token }}`) or pass a secret.",
    );
  const dryRun = input("dry-run").toLowerCase();
  if (dryRun !== "" && dryRun !== "true" && dryRun !== "false")
    throw new Error(`the \`dry-run\` input is "${dryRun}"; use true or false`);
  const projectToken = input("project-token");
  return {
    token,
    ...(projectToken && { projectToken }),
    configPath: input("config") || CONFIG_PATH,
    dryRun: dryRun === "true",
  };
}
