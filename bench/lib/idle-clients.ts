// A load-generator process holding idle gateway connections (one process may hold at most
// 20,000 open files here). Connects BENCH_COUNT users `${BENCH_PREFIX}${i}` to BENCH_URL,
// signs their tokens with BENCH_TOKEN_KEY, prints "connected <n>", then keeps them open.
import { signAccessToken } from "../../lib/chat/products/tokens";
import { connectMany, connectRaw } from "./raw-clients";

const { BENCH_URL, BENCH_APP_KEY, BENCH_TOKEN_KEY, BENCH_PREFIX, BENCH_FROM, BENCH_COUNT } = process.env;
const issuedAt = Date.now();
const from = Number(BENCH_FROM);
const clients = await connectMany(Number(BENCH_COUNT), (index) =>
  connectRaw(BENCH_URL!, signAccessToken({ appKey: BENCH_APP_KEY!, userId: `${BENCH_PREFIX}${from + index}`, issuedAt }, BENCH_TOKEN_KEY!)),
);
process.stdout.write(`connected ${clients.length}\n`);
