import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { DeleteObjectsCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { env, filesDirectory } from "../../../env";

/** A stored file's bytes (all, or the range asked for), ready to stream to a client; `size` is the whole object's. */
export type StoredObject = { body: Readable; size: number };

/** Bytes `start` to `end`, both included, as an HTTP Range names them. */
export type ByteRange = { start: number; end: number };

/**
 * Where uploaded files' bytes live: the local disk (the embedded default, one node) or an
 * S3-compatible bucket (several nodes share it). Keys are `<appId>/<fileId>` and
 * `<appId>/<fileId>.thumbnail`.
 */
export interface FileStorage {
  readonly kind: "disk" | "s3";
  put(key: string, bytes: Buffer, mimeType: string): Promise<void>;
  /** The object (or `range` of it), or null when there is none under `key`. */
  get(key: string, range?: ByteRange): Promise<StoredObject | null>;
  /** Removes the objects; keys without one are no error. */
  remove(keys: string[]): Promise<void>;
}

function diskStorage(root: string): FileStorage {
  const fileOf = (key: string) => {
    const file = path.resolve(root, key);
    // Keys are ours (ids from randomBytes), but a path must never leave the folder.
    if (!file.startsWith(root + path.sep)) throw new Error(`Storage key ${key} leaves the files folder`);
    return file;
  };
  return {
    kind: "disk",
    async put(key, bytes) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Written aside and renamed: a reader never sees half a file.
      const partial = `${file}.partial`;
      await writeFile(partial, bytes);
      await rename(partial, file);
    },
    async get(key, range) {
      const file = fileOf(key);
      const found = await stat(file).catch(() => null);
      return found?.isFile() ? { body: createReadStream(file, range && { start: range.start, end: range.end }), size: found.size } : null;
    },
    async remove(keys) {
      await Promise.all(keys.map((key) => rm(fileOf(key), { force: true })));
    },
  };
}

function s3Storage(bucket: string): FileStorage {
  const client = new S3Client({
    region: env.SWITCHBOARD_S3_REGION,
    ...(env.SWITCHBOARD_S3_ENDPOINT && { endpoint: env.SWITCHBOARD_S3_ENDPOINT }),
    forcePathStyle: env.SWITCHBOARD_S3_FORCE_PATH_STYLE ?? env.SWITCHBOARD_S3_ENDPOINT !== undefined,
    ...(env.SWITCHBOARD_S3_ACCESS_KEY_ID &&
      env.SWITCHBOARD_S3_SECRET_ACCESS_KEY && { credentials: { accessKeyId: env.SWITCHBOARD_S3_ACCESS_KEY_ID, secretAccessKey: env.SWITCHBOARD_S3_SECRET_ACCESS_KEY } }),
  });
  return {
    kind: "s3",
    async put(key, bytes, mimeType) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: mimeType, ContentLength: bytes.length }));
    },
    async get(key, range) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, ...(range && { Range: `bytes=${range.start}-${range.end}` }) }));
        // A ranged answer names the whole size after the slash of its Content-Range.
        const size = object.ContentRange ? Number(object.ContentRange.split("/")[1]) : (object.ContentLength ?? 0);
        return { body: object.Body as Readable, size };
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === "NoSuchKey") return null;
        throw error;
      }
    },
    async remove(keys) {
      // One request deletes up to 1,000 objects.
      for (let start = 0; start < keys.length; start += 1000) {
        const batch = keys.slice(start, start + 1000);
        await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
      }
    },
  };
}

const storageSlot = Symbol.for("switchboard.fileStorage");
type StorageHolder = { [storageSlot]?: FileStorage };

/** This process's file storage: the S3 bucket when SWITCHBOARD_S3_BUCKET is set, else the disk (SWITCHBOARD_FILES_DIR). */
export function getFileStorage(): FileStorage {
  const holder = globalThis as StorageHolder;
  return (holder[storageSlot] ??= env.SWITCHBOARD_S3_BUCKET ? s3Storage(env.SWITCHBOARD_S3_BUCKET) : diskStorage(filesDirectory()));
}
