import type { PlansyncConfig } from "../config/config-schema.js";
import { neutralizeText } from "./neutralize-mentions.js";

/** The GitHub milestone a doc milestone maps to: `milestones.map` renames it; mentions never ping. */
export function milestoneTitle(docTitle: string, config: PlansyncConfig): string {
  return neutralizeText(config.milestones.map[docTitle] ?? docTitle);
}
