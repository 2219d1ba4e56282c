import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { parsePlan } from "../src/plan/index.js";
import { generatePlan } from "./generate-plan.js";
import { medianMs, peakRssMb } from "./measure.js";

/**
 * Measures one plan size in a process of its own, so that peak RSS belongs to that size alone.
 * Prints one JSON line: `node --expose-gc --import tsx bench/parse-one.ts <tasks>`.
 */
const tasks = Number(process.argv[2]);
const text = generatePlan(tasks);
const mb = Buffer.byteLength(text) / 1e6;
const ms = medianMs(() => parsePlan(text));
const rss = peakRssMb();
const bare = unified().use(remarkParse).use(remarkGfm).freeze();
const bareMs = medianMs(() => bare.parse(text));
console.log(JSON.stringify({ tasks, mb, ms, bareMs, peakRssMb: rss }));
