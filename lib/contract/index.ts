/**
 * The wire types: every shape that leaves the server for clients (the SDK), app servers
 * or the console. The core's serializers declare their results with them, and the SDK
 * and the console's components read them from here, so a change of shape is one edit
 * that the compiler carries to every side. Types only: this module imports nothing outside itself, and
 * nothing of it exists at run time.
 */
export type * from "./apps";
export type * from "./channels";
export type * from "./conversations";
export type * from "./errors";
export type * from "./files";
export type * from "./messages";
export type * from "./operators";
export type * from "./platform-api";
export type * from "./publications";
export type * from "./users";
export type * from "./webhooks";
