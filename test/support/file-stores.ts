import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";

/** Where a test server keeps uploads: the server's environment for it, and what it holds now. */
export type TestFileStore = {
  kind: "disk" | "s3";
  env: Record<string, string>;
  /** The keys of every stored object (`<appId>/<fileId>`, `<appId>/<fileId>.thumbnail`), sorted. */
  keys(): Promise<string[]>;
  close(): Promise<void>;
};

/** A folder of its own on the local disk, as the embedded default keeps files. */
export function diskFileStore(): TestFileStore {
  const dir = mkdtempSync(path.join(tmpdir(), "switchboard-files-"));
  return {
    kind: "disk",
    env: { SWITCHBOARD_FILES_DIR: dir },
    async keys() {
      return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
        .sort();
    },
    async close() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A local S3-compatible server (s3rver) on 127.0.0.1 and a free port, with one bucket. */
export async function s3FileStore(): Promise<TestFileStore> {
  const dir = mkdtempSync(path.join(tmpdir(), "switchboard-s3-"));
  const bucket = "switchboard-files";
  const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: dir, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  // s3rver's fixed credentials.
  const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
  const client = new S3Client({ region: "us-east-1", endpoint, forcePathStyle: true, credentials });
  return {
    kind: "s3",
    env: {
      SWITCHBOARD_S3_BUCKET: bucket,
      SWITCHBOARD_S3_ENDPOINT: endpoint,
      SWITCHBOARD_S3_ACCESS_KEY_ID: credentials.accessKeyId,
      SWITCHBOARD_S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    },
    async keys() {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
      return (listed.Contents ?? []).map((object) => object.Key!).sort();
    },
    async close() {
      client.destroy();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
