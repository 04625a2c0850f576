import WebSocket from "ws";

/**
 * Lean gateway clients for load: the Centrifuge JSON frames a client sends, without the SDK,
 * so thousands fit in one load-generator process. Deliveries are counted, not parsed.
 */
export type RawClient = {
  socket: WebSocket;
  /** Sends an RPC and resolves with the reply's line. */
  rpc(method: string, data: unknown): Promise<string>;
  /** Publications received so far. */
  readonly pushes: number;
  close(): void;
};

export function connectRaw(url: string, token: string, onPush?: (frame: string) => void): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    let nextId = 1;
    let pushes = 0;
    const waiting = new Map<number, (line: string) => void>();
    const client: RawClient = {
      socket,
      rpc(method, data) {
        const id = ++nextId;
        socket.send(JSON.stringify({ id, rpc: { method, data } }));
        return new Promise((answer) => waiting.set(id, answer));
      },
      get pushes() {
        return pushes;
      },
      close: () => socket.close(),
    };
    socket.on("open", () => socket.send(JSON.stringify({ id: 1, connect: { token, data: { platform: "web" }, name: "bench" } })));
    socket.on("message", (raw) => {
      for (const line of raw.toString().split("\n")) {
        if (line.startsWith('{"push"')) {
          pushes++;
          onPush?.(line);
        } else if (line === "{}") socket.send("{}");
        else if (line.length > 0) {
          const id = Number(/^\{"id":(\d+)/.exec(line)?.[1]);
          if (id === 1) {
            if (line.includes('"error"')) reject(new Error(line));
            else resolve(client);
          } else waiting.get(id)?.(line), waiting.delete(id);
        }
      }
    });
    socket.on("error", reject);
  });
}

/** Connects `count` clients, `concurrency` at a time. */
export async function connectMany(count: number, connect: (index: number) => Promise<RawClient>, concurrency = 200): Promise<RawClient[]> {
  const clients: RawClient[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        clients[index] = await connect(index);
      }
    }),
  );
  return clients;
}
