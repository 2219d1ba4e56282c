import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { SimRequest } from "./request-parse.js";
import type { SimResponse } from "./responses.js";
import { serializeBody } from "./serialize.js";

/** Called once a response has been handed to the socket: a test can kill the client exactly there. */
export type AnsweredHook = (request: SimRequest, response: SimResponse) => void;

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Serves `handle` over HTTP on 127.0.0.1 (a free port), for end-to-end tests where the app runs as
 * a separate process with GHE_HOST=127.0.0.1:PORT GHE_PROTOCOL=http.
 */
export async function listen(
  handle: (request: SimRequest) => Promise<SimResponse>,
  onAnswered?: AnsweredHook,
): Promise<RunningServer> {
  const server = createServer((req, res) => {
    let request: SimRequest;
    void readBody(req)
      .then((body) => {
        request = {
          method: req.method ?? "GET",
          url: `http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`,
          headers: req.headers,
          body,
        };
        return handle(request);
      })
      .then((response) => {
        res.writeHead(response.status, response.headers);
        res.end(serializeBody(response.body), () => onAnswered?.(request, response));
      })
      .catch((error: unknown) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
