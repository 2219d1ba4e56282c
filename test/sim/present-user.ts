import type { SimUser } from "./records.js";
import type { SimUrls } from "./route-context.js";

/** GitHub's "simple user" object. */
export function userJson(user: SimUser, urls: SimUrls) {
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === "Bot" ? "BOT" : user.type === "Organization" ? "O" : "U", user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    url: `${urls.api}/users/${user.login}`,
    html_url: `${urls.html}/${user.login}`,
    type: user.type,
    site_admin: false,
  };
}

/** GitHub node ids are opaque base64 strings; tests only need them stable and distinct per type. */
export function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(String(id)).toString("base64url")}`;
}
