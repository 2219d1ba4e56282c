import { JobJournal } from "../../src/jobs/job-journal.js";

/**
 * Opens a journal on argv[2] and reports, then holds it (or, with argv[3] = "release", frees it
 * and exits): `node --import tsx [--import ./journal-lock-delay.mjs] journal-lock-child.ts <dir> [release]`.
 */
const dir = process.argv[2]!;
try {
  const journal = new JobJournal(dir);
  process.stdout.write(`started ${process.pid}\n`);
  if (process.argv[3] === "release") journal.close();
  else setInterval(() => undefined, 1_000);
} catch (error) {
  process.stdout.write(`refused: ${(error as Error).name}: ${(error as Error).message}\n`);
  process.exit(1);
}
