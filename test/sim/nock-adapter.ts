import nock from "nock";
import type { SimRequest } from "./request-parse.js";
import type { SimResponse } from "./responses.js";
import { serializeBody } from "./serialize.js";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];

/**
 * Persistent nock interceptors that send every request for `baseUrl`'s origin to `handle`.
 * Works for node:http clients and for global fetch (nock 14 intercepts both).
 * Returns a function that removes exactly these interceptors.
 */
export function interceptWithNock(handle: (request: SimRequest) => Promise<SimResponse>, baseUrl: string): () => void {
  const origin = new URL(baseUrl).origin;
  const scope = nock(origin).persist();
  const interceptors = METHODS.map((method) => {
    const interceptor = scope.intercept(() => true, method);
    interceptor.reply(async function (uri, body) {
      const response = await handle({ method, url: origin + uri, headers: this.req.headers, body });
      return [response.status, serializeBody(response.body), response.headers] as const;
    });
    return interceptor;
  });
  return () => {
    for (const interceptor of interceptors) nock.removeInterceptor(interceptor);
  };
}
