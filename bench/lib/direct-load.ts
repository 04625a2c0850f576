import WebSocket from "ws";
import { SwitchboardClient } from "../../lib/sdk";
import { percentile, round } from "./stats";

export type LoadOptions = { pairs: number; messagesPerSender: number; inFlightPerSender: number };

/**
 * Runs `pairs` sender → receiver pairs of SDK clients against a gateway. Each sender keeps
 * up to `inFlightPerSender` sends outstanding. Measures send → delivery latency at the
 * receiver, send → acknowledgement latency at the sender, and delivered messages per second.
 */
export async function runDirectLoad(options: LoadOptions & { url: string; tokenFor: (userId: string) => Promise<string> }) {
  const connect = async (userId: string) => {
    const client = new SwitchboardClient({ url: options.url, token: await options.tokenFor(userId), websocket: WebSocket });
    await client.connect();
    return client;
  };
  const pairs = await Promise.all(
    Array.from({ length: options.pairs }, async (_, i) => ({ sender: await connect(`s${i}`), receiver: await connect(`r${i}`), index: i })),
  );
  const deliveryMs: number[] = [];
  const ackMs: number[] = [];
  const startedAt = new Map<string, number>();
  const total = options.pairs * options.messagesPerSender;
  let delivered = 0;
  const allDelivered = new Promise<void>((resolve) => {
    for (const { receiver } of pairs) {
      receiver.onMessage((message) => {
        const started = startedAt.get(message.clientMessageId!);
        if (started !== undefined) deliveryMs.push(performance.now() - started);
        if (++delivered === total) resolve();
      });
    }
  });

  const begin = performance.now();
  await Promise.all(
    pairs.map(async ({ sender, index }) => {
      let next = 0;
      const lane = async () => {
        while (next < options.messagesPerSender) {
          const clientMessageId = `${index}-${next++}`;
          const started = performance.now();
          startedAt.set(clientMessageId, started);
          await sender.sendDirectMessage({ to: `r${index}`, text: `message ${clientMessageId}`, clientMessageId });
          ackMs.push(performance.now() - started);
        }
      };
      await Promise.all(Array.from({ length: options.inFlightPerSender }, lane));
    }),
  );
  await Promise.race([allDelivered, new Promise((resolve) => setTimeout(resolve, 30_000))]);
  const seconds = (performance.now() - begin) / 1000;
  for (const { sender, receiver } of pairs) {
    sender.disconnect();
    receiver.disconnect();
  }
  return {
    messages: total,
    delivered,
    "messages/s": round(delivered / seconds, 0),
    "delivery p50 ms": round(percentile(deliveryMs, 0.5), 2),
    "delivery p99 ms": round(percentile(deliveryMs, 0.99), 2),
    "ack p50 ms": round(percentile(ackMs, 0.5), 2),
    "ack p99 ms": round(percentile(ackMs, 0.99), 2),
  };
}
