import { createConnection, createServer, type Socket } from "node:net";

/** One direction of a connection: bytes on their way to `to`, held while the connection is delayed. */
type Pipe = { to: Socket; held: { releaseAt: number; chunk: Buffer }[]; timer?: NodeJS.Timeout };

/** One client's TCP connection through the proxy, and the faults it can be given. */
type ProxiedConnection = {
  client: Socket;
  upstream: Socket;
  /** Bytes both ways are held this long before they go on. */
  delayMs: number;
  pipes: Pipe[];
};

export type FaultProxy = {
  port: number;
  /** ws://… URL of the gateway through the proxy (when its upstream is Switchboard or a balancer). */
  wsUrl: string;
  connections(): number;
  /** Cuts `count` random connections at once, both ways, as a network failure would. */
  dropRandom(count: number): number;
  /** Cuts every connection and refuses new ones for `ms`, as a network outage would. */
  outage(ms: number): void;
  /** Holds what one random client and the server send each other by `delayMs` for `forMs`, as a slow network would. */
  delayRandom(input: { delayMs: number; forMs: number }): void;
  close(): Promise<void>;
};

/**
 * A TCP proxy on loopback between test clients and a server (or load balancer) at
 * `upstreamPort`, for fault injection: it cuts connections and delays them on request.
 * While the upstream refuses connections (a killed server), clients are cut at once.
 */
export async function startFaultProxy(upstreamPort: number): Promise<FaultProxy> {
  const open = new Set<ProxiedConnection>();
  let refusingUntil = 0;
  const server = createServer((client) => {
    if (Date.now() < refusingUntil) return void client.resetAndDestroy();
    const upstream = createConnection({ host: "127.0.0.1", port: upstreamPort });
    const toUpstream: Pipe = { to: upstream, held: [] };
    const toClient: Pipe = { to: client, held: [] };
    const connection: ProxiedConnection = { client, upstream, delayMs: 0, pipes: [toUpstream, toClient] };
    open.add(connection);
    const closeBoth = () => {
      open.delete(connection);
      for (const pipe of connection.pipes) clearTimeout(pipe.timer);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", closeBoth).on("close", closeBoth);
    upstream.on("error", closeBoth).on("close", closeBoth);
    client.on("data", (chunk) => forward(toUpstream, chunk, connection.delayMs));
    upstream.on("data", (chunk) => forward(toClient, chunk, connection.delayMs));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const pick = () => [...open][Math.floor(Math.random() * open.size)];

  const cut = (connection: ProxiedConnection) => {
    open.delete(connection);
    connection.client.resetAndDestroy();
    connection.upstream.destroy();
  };

  return {
    port,
    wsUrl: `ws://127.0.0.1:${port}/connection/websocket`,
    connections: () => open.size,
    dropRandom(count) {
      let dropped = 0;
      for (; dropped < count && open.size > 0; dropped++) cut(pick()!);
      return dropped;
    },
    outage(ms) {
      refusingUntil = Date.now() + ms;
      for (const connection of [...open]) cut(connection);
    },
    delayRandom({ delayMs, forMs }) {
      const connection = pick();
      if (!connection) return;
      connection.delayMs = delayMs;
      setTimeout(() => (connection.delayMs = 0), forMs).unref();
    },
    async close() {
      for (const connection of open) connection.client.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Sends a chunk on after `delayMs`, never ahead of chunks held before it. */
function forward(pipe: Pipe, chunk: Buffer, delayMs: number) {
  if (delayMs === 0 && pipe.held.length === 0) {
    pipe.to.write(chunk);
    return;
  }
  pipe.held.push({ releaseAt: Date.now() + delayMs, chunk });
  if (!pipe.timer) releaseHeld(pipe);
}

function releaseHeld(pipe: Pipe) {
  pipe.timer = undefined;
  while (pipe.held.length > 0 && pipe.held[0]!.releaseAt <= Date.now()) pipe.to.write(pipe.held.shift()!.chunk);
  const next = pipe.held[0];
  if (next) pipe.timer = setTimeout(() => releaseHeld(pipe), next.releaseAt - Date.now());
}
