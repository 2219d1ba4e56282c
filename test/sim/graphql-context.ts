import type { ParsedRequest } from "./request-parse.js";
import type { RouteContext, SimUrls } from "./route-context.js";
import type { SimState } from "./sim-state.js";

/** What every resolver reads: the simulator's state and the request it is answering. */
export interface GraphqlContext {
  state: SimState;
  urls: SimUrls;
  /** The request as a REST route would see it, so shared helpers (requestActor) work unchanged. */
  route: RouteContext;
  /** Records a violation: the request broke GitHub's schema, or the simulator failed it. */
  violation(message: string): void;
  /** Records that the request needs something the simulator does not simulate; throw what it returns. */
  unsimulated(what: string): UnsimulatedError;
}

/** A gap in the simulator, already recorded as a violation when thrown. */
export class UnsimulatedError extends Error {}

export function graphqlContext(
  state: SimState,
  parsed: ParsedRequest,
  operationId: string,
  violation: (message: string) => void,
): GraphqlContext {
  return {
    state,
    urls: parsed.urls,
    route: {
      state,
      operationId,
      params: {},
      query: parsed.query,
      body: (parsed.body ?? {}) as Record<string, unknown>,
      headers: parsed.headers,
      pathname: parsed.rawPath,
      urls: parsed.urls,
      docs: "https://docs.github.com/graphql",
    },
    violation,
    unsimulated(what) {
      const message = `GitHubSim does not simulate ${what} yet; add it under test/sim/graphql-*.ts`;
      violation(message);
      return new UnsimulatedError(message);
    },
  };
}
