/**
 * The wire types: every shape that leaves the server for clients (the SDK), app servers
 * or the console. The core's serializers declare their results with them, and the SDK
 * and the console's components read them from here, so a change of shape is one edit
 * that the compiler carries to every side. Types only: this module imports nothing outside itself, and
 * nothing of it exists at run time.
 */
export type * from "./apps.js";
export type * from "./channels.js";
export type * from "./conversations.js";
export type * from "./errors.js";
export type * from "./files.js";
export type * from "./messages.js";
export type * from "./operators.js";
export type * from "./platform-api.js";
export type * from "./publications.js";
export type * from "./users.js";
export type * from "./webhooks.js";
