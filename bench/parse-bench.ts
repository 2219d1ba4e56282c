import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface ParseRow {
  tasks: number;
  mb: number;
  ms: number;
  bareMs: number;
  peakRssMb: number;
}

/** Run as TypeScript through tsx, like `npm run bench` runs bench/main.ts. */
const worker = fileURLToPath(new URL("./parse-one.ts", import.meta.url));

/** Parse figures for a ~0.5 MB and a ~1 MB plan, each measured in a fresh process. */
export function benchParse(): ParseRow[] {
  return [6_250, 12_500].map((tasks) => {
    const out = execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", worker, String(tasks)], {
      encoding: "utf8",
    });
    return JSON.parse(out) as ParseRow;
  });
}

export function printParse(rows: ParseRow[]): void {
  const [half, full] = rows as [ParseRow, ParseRow];
  console.log("Parse: plansync parsePlan vs bare remark-parse + remark-gfm (median of 5 after a warm-up)");
  console.log("   tasks     size   plansync    MB/s       bare   ratio   peak RSS");
  for (const r of rows) {
    const cells = [
      String(r.tasks).padStart(8),
      `${r.mb.toFixed(2)} MB`.padStart(8),
      `${r.ms.toFixed(0)} ms`.padStart(10),
      (r.mb / (r.ms / 1000)).toFixed(2).padStart(7),
      `${r.bareMs.toFixed(0)} ms`.padStart(10),
      (r.ms / r.bareMs).toFixed(2).padStart(7),
      `${r.peakRssMb.toFixed(0)} MB`.padStart(10),
    ];
    console.log(cells.join(" "));
  }
  console.log(`  ratio target <= 1.3; peak RSS target < 512 MB`);
  console.log(
    `  linearity: ${full.tasks} tasks / ${half.tasks} tasks = ${(full.ms / half.ms).toFixed(2)}x (target <= 2.2)`,
  );
}
