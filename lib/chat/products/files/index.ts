// Files and media: uploads, signed downloads, the files messages carry, and their clean-up.
// The public face of this product: other folders import from here, never from its files.
export { attachMessageFile } from "./attach-message-files";
export { deleteUnusedFiles } from "./delete-unused-files";
export { getFileStorage } from "./file-storage";
export { findMessageFiles } from "./find-message-files";
export { type FileDownload, openFileDownload, RangeNotSatisfiable } from "./open-file-download";
export { startUpload, uploadFile, type Uploader } from "./upload-file";
