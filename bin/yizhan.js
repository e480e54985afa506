#!/usr/bin/env node
// Entry point of the `yizhan` command: runs the TypeScript sources through tsx.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../adapters/cli/main.ts");
await main(process.argv);
