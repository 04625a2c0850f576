import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { nginxBinary } from "./suites";

export type LoadBalancer = {
  url: string;
  wsUrl: string;
  /** Balances over these nodes from now on (a reload: requests under way finish where they are), as an orchestrator does when a node's readiness fails. */
  setNodes(nodeUrls: string[]): Promise<void>;
  close(): Promise<void>;
};

/**
 * Debian's nginx in front of Switchboard nodes, on a loopback port: round robin over the
 * nodes, WebSocket upgrades proxied, and a node that refuses connections skipped (as after
 * `kill -9`) so clients reconnect to the others.
 */
export async function startLoadBalancer(nodeUrls: string[]): Promise<LoadBalancer> {
  const dir = mkdtempSync(path.join(tmpdir(), "switchboard-nginx-"));
  // nginx started by root runs its worker as nobody, which must reach its temp folders.
  chmodSync(dir, 0o777);
  const port = await freePort();
  const writeConfig = (urls: string[]) => writeFileSync(path.join(dir, "nginx.conf"), configuration(dir, port, urls));
  writeConfig(nodeUrls);
  const child = spawn(nginxBinary, ["-p", dir, "-c", path.join(dir, "nginx.conf")], { stdio: ["ignore", "ignore", "pipe"] });
  let errors = "";
  child.stderr.on("data", (chunk) => (errors += chunk));
  await waitForPort(port, child, () => errors);
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/connection/websocket`,
    async setNodes(urls) {
      writeConfig(urls);
      child.kill("SIGHUP");
      // New workers take over within milliseconds; the old one finishes what it holds.
      await new Promise((resolve) => setTimeout(resolve, 300));
    },
    async close() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGQUIT");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function configuration(dir: string, port: number, nodeUrls: string[]): string {
  const upstreams = nodeUrls.map((url) => `    server ${new URL(url).host} max_fails=1 fail_timeout=5s;`).join("\n");
  return `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; "" ""; }
  upstream switchboard {
${upstreams}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://switchboard;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_connect_timeout 2s;
      proxy_read_timeout 1h;
      proxy_next_upstream error timeout;
      # Which node answered, for tests that check where a client landed.
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, errors: () => string) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${errors()}`);
    const open = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) }).then(
      () => true,
      () => false,
    );
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nginx did not listen on ${port}: ${errors()}`);
}
