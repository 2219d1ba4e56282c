// Bundles the GitHub Action's entrypoint (src/action/main.ts) and everything it imports into one
// file, dist-action/index.mjs, which action.yml runs: a runner has no node_modules.
//   node scripts/build-action.mjs          write the bundle (commit it with the source change)
//   node scripts/build-action.mjs --check  fail when the committed bundle differs from the source's
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = join(root, "dist-action", "index.mjs");

const result = await build({
  entryPoints: [join(root, "src", "action", "main.ts")],
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  // Some dependencies are CommonJS and call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  legalComments: "none",
  // Paths in the bundle are relative to the repository, so any clone builds the same bytes.
  absWorkingDir: root,
  write: false,
  outfile,
  logLevel: "warning",
});
const bundle = result.outputFiles[0].text;

if (process.argv.includes("--check")) {
  let committed = "";
  try {
    committed = readFileSync(outfile, "utf8");
  } catch {}
  if (committed !== bundle) {
    console.error(
      "dist-action/index.mjs is not the bundle of the current source: run `npm run action:build` and commit it.",
    );
    process.exit(1);
  }
  console.log(`dist-action/index.mjs is current (${(bundle.length / 1024).toFixed(0)} KiB)`);
} else {
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(outfile, bundle);
  console.log(`wrote dist-action/index.mjs (${(bundle.length / 1024).toFixed(0)} KiB)`);
}
