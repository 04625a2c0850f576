#!/usr/bin/env node
// The operator command line: `npx switchboard help`.
import { register } from "tsx/esm/api";

register();
await import("../lib/cli/main.ts");
