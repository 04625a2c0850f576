/**
 * The answer to an upload (`POST /files`, as `{code: 0, result}`). URLs are relative to the
 * server (`/files/<fileId>?expires=...&signature=...`) and valid until `expiresAt`; a message
 * that carries the file (its `fileId` in the content of an image, GIF, voice, video or file
 * message) reaches every reader with fresh ones.
 */
export type FileUploadView = {
  fileId: string;
  /** The file's name as stored: no folders, at most 255 characters. */
  name: string;
  mimeType: string;
  /** Bytes. */
  size: number;
  /** Images: the dimensions in pixels, as displayed (EXIF orientation applied). */
  width?: number;
  height?: number;
  url: string;
  /** Images: a WebP of at most 320 pixels a side. */
  thumbnailUrl?: string;
  /** When `url` and `thumbnailUrl` stop working, in milliseconds since the epoch. */
  expiresAt: number;
};

/** The content fields a message carrying a file is read with (beside the sender's own fields). */
export type FileContentFields = {
  fileId: string;
  /** Signed for the reader when they read it. */
  url: string;
  /** Image and GIF messages. */
  thumbnailUrl?: string;
};

/** A stored file as the console shows it beside the message that carries it, with URLs signed for the operator (valid for SWITCHBOARD_FILE_URL_SECONDS). */
export type StoredFileView = Omit<FileUploadView, "expiresAt">;
