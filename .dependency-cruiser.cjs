// The dependency rule (`npm test` runs it first): which code may import which.
//
// The floors, from the ground up; an import may only go down or sideways as stated:
//   infrastructure  lib/env.ts, lib/log.ts, lib/repeating-task.ts, lib/db, lib/bus
//   lib/contract    the wire types, imported by the core, the SDK and the console
//   lib/chat        the product's rules, in floors of its own:
//     base/         errors, caches, ids, apps and settings, channel lookup, users' identity,
//                   the message model and its types, the webhook outbox: used by every product
//     products/     one folder a product (groups, communities, direct, ...); each folder's
//                   index.ts is its public face, the only file other folders may import
//     messages/     the send pipeline (send-message.ts over the route table in routes.ts)
//                   and the operations on messages across channel types
//     console/      facades for the operator console over several products
//   edges           server.ts, app/, lib/gateway, lib/platform-api, lib/auth, lib/cli
// Beside them, packages/sdk: the client SDK, a package of its own that reads only lib/contract.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "A circle of imports, even of types only: cut it by moving the shared piece a floor down.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "chat-base-imports-up",
      comment: "lib/chat/base is the floor every product stands on: it imports no product, no pipeline, no console facade.",
      severity: "error",
      from: { path: "^lib/chat/base/" },
      to: { path: "^lib/chat/(products|messages|console)/" },
    },
    {
      name: "chat-product-imports-up",
      comment: "A product does not import the send pipeline or the console facades above it.",
      severity: "error",
      from: { path: "^lib/chat/products/" },
      to: { path: "^lib/chat/(messages|console)/" },
    },
    {
      name: "chat-messages-imports-console",
      comment: "The console facades stand on the messages floor, not under it.",
      severity: "error",
      from: { path: "^lib/chat/messages/" },
      to: { path: "^lib/chat/console/" },
    },
    {
      name: "chat-product-through-index",
      comment: "Another product is reached through its public face, lib/chat/products/<name>/index.ts (export the name there).",
      severity: "error",
      from: { path: "^lib/chat/products/([^/]+)/" },
      to: { path: "^lib/chat/products/[^/]+/", pathNot: ["^lib/chat/products/$1/", "^lib/chat/products/[^/]+/index\\.ts$"] },
    },
    {
      name: "product-through-index",
      comment: "Code outside lib/chat/products reaches a product through its public face, lib/chat/products/<name>/index.ts (export the name there).",
      severity: "error",
      from: { pathNot: ["^lib/chat/products/", "\\.test\\.ts$", "^test/", "^e2e/", "^bench/"] },
      to: { path: "^lib/chat/products/[^/]+/", pathNot: "^lib/chat/products/[^/]+/index\\.ts$" },
    },
    {
      name: "chat-is-framework-free",
      comment: "lib/chat holds the rules as plain TypeScript: no Next.js, React, next-auth or ws, and no edge (gateway, Platform API, auth, CLI, SDK).",
      severity: "error",
      from: { path: "^lib/chat/" },
      to: { path: ["^node_modules/(next|next-auth|react|react-dom|ws)/", "^lib/(gateway|platform-api|auth|cli|operations)/", "^packages/"] },
    },
    {
      name: "infrastructure-imports-up",
      comment: "The infrastructure floor (env, log, db, bus) knows nothing of the product or its edges.",
      severity: "error",
      from: { path: "^lib/(env\\.ts|log\\.ts|repeating-task\\.ts|db/|bus/)" },
      to: { path: "^(lib/(chat|contract|gateway|platform-api|auth|cli|operations)/|packages/)" },
    },
    {
      name: "env-is-the-ground",
      comment: "lib/env.ts is read by everything, so it imports nothing of ours.",
      severity: "error",
      from: { path: "^lib/env\\.ts$" },
      to: { path: "^(lib|app|components)/" },
    },
    {
      name: "contract-imports-nothing",
      comment: "lib/contract is the wire types alone: the SDK and the browser import it, so it imports nothing of ours.",
      severity: "error",
      from: { path: "^lib/contract/" },
      to: { path: "^(lib/(?!contract/)|app/|components/|server\\.ts)" },
    },
    {
      name: "sdk-reads-only-the-contract",
      comment: "packages/sdk runs in the app's clients: of this repository it imports the wire types (lib/contract) and nothing else, and only centrifuge from npm.",
      severity: "error",
      from: { path: "^packages/sdk/", pathNot: "\\.test\\.ts$" },
      to: { path: ["^(lib/(?!contract/)|app/|components/|server\\.ts|bin/|prisma/)", "^node_modules/(?!centrifuge/)"], dependencyTypesNot: ["core"] },
    },
    {
      name: "no-core-imports-the-sdk",
      comment:
        "The server, the console and lib/ never import the client SDK (tests, e2e and bench do), except the console's chat playground (components/playground), which is an app's client itself: it runs in the operator's browser.",
      severity: "error",
      from: { path: "^(lib|app|components)/|^server\\.ts$", pathNot: "^components/playground/" },
      to: { path: "^packages/" },
    },
    {
      name: "edges-do-not-import-edges",
      comment: "The gateway, the Platform API and the CLI are separate edges over lib/chat; what they share belongs in lib/chat or below.",
      severity: "error",
      from: { path: "^lib/(gateway|cli)/" },
      to: { path: "^lib/(gateway|platform-api|cli|auth)/", pathNot: "^lib/$1/" },
    },
    {
      name: "components-do-not-read-the-database",
      comment: "Console components get data from the console API, never from lib/db.",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^lib/db/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^lib/db/generated/", "^\\.next/", "^node_modules/", "^packages/[^/]+/dist/"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
