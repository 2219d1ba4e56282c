import { createServer, connect, type AddressInfo, type Socket } from "node:net";

export interface TcpProxy {
  /** `redis://127.0.0.1:<port>`-style address of the proxy's end. */
  port: number;
  /** A partition: both directions stop moving, sockets stay open (no error, no close), as on a dead link. */
  pause(): void;
  /** Heals the partition: whatever was held is delivered. */
  resume(): void;
  close(): Promise<void>;
}

/**
 * A loopback TCP proxy to `target`, which can be paused: a real network partition between a
 * client and a real server, without mocking either. While paused the proxy stops reading from
 * both sides, so the bytes wait in the kernel's buffers and commands get no answer.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs: [Socket, Socket][] = [];
  let paused = false;
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    pairs.push([client, upstream]);
    client.on("data", (data) => upstream.write(data));
    upstream.on("data", (data) => client.write(data));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
    if (paused) {
      client.pause();
      upstream.pause();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    pause() {
      paused = true;
      for (const pair of pairs) for (const socket of pair) socket.pause();
    },
    resume() {
      paused = false;
      for (const pair of pairs) for (const socket of pair) socket.resume();
    },
    async close() {
      for (const pair of pairs) for (const socket of pair) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
