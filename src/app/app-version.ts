import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** plansync's version from its package.json, found upwards from this file (in src/ or dist/src/). */
export function appVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth++) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "plansync" && pkg.version) return pkg.version;
    }
    dir = dirname(dir);
  }
  return "unknown";
}
