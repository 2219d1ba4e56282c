import { benchParse, printParse } from "./parse-bench.js";

/** `npm run bench`: prints the figures the issues ask for. Not part of `npm test`: timings are measured, not asserted. */
printParse(benchParse());
