// `node --import tsx --import ./tests/support/import-log/register.mjs …`: records what a process imports.
import { register } from "node:module";

register("./hooks.mjs", import.meta.url);
