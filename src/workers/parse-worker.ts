import { parsePlan, type ParseOptions, type Plan } from "../plan/index.js";

/** One file for the pool to parse. Plain data: it crosses to the worker thread by structured clone. */
export interface ParseTask {
  text: string;
  options: ParseOptions;
}

/**
 * The parse pool's worker thread: the pure parser, run where a slow or hostile doc cannot hold
 * the app's event loop. Piscina calls the export named in `run(task, { name })`; the Plan is
 * plain data, so it comes back by structured clone unchanged.
 */
export function parse({ text, options }: ParseTask): Plan {
  return parsePlan(text, options);
}
