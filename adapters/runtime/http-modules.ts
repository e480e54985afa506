// Every HTTP module `yizhan serve` mounts, in one list.
import type { HttpModule } from "../http/app.js";
import type { Services } from "./services.js";
import { intakeModules } from "../intake/runtime.js";
import { queueModules } from "./queue-runtime.js";

export function httpModules(services: Services): HttpModule[] {
  return [...intakeModules(services), ...queueModules(services)];
}
