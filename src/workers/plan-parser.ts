import { parsePlan, type ParseOptions, type Plan } from "../plan/index.js";

/** How this process turns a plan file's text into a Plan. */
export type PlanParser = (text: string, options: ParseOptions) => Promise<Plan>;

/**
 * On the calling thread: for the CLI and the Action, which read one repository per process and
 * whose user waits for the answer anyway, and for tests that run the app in-process.
 */
export const inlineParser: PlanParser = async (text, options) => parsePlan(text, options);

let current: PlanParser = inlineParser;

/**
 * Makes `parser` the one every doc read in this process goes through. The App's server installs
 * its worker pool here at start, so no tenant's doc is parsed on the event loop. Returns a
 * function that puts the previous parser back.
 */
export function useParser(parser: PlanParser): () => void {
  const previous = current;
  current = parser;
  return () => {
    current = previous;
  };
}

/** The parser in use: the worker pool in the App's server, else inline. */
export function planParser(): PlanParser {
  return current;
}
