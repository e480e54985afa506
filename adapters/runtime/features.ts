// Every feature `yizhan serve` runs: the intake channels and the mediator queue.
import { intakeFeature } from "../intake/runtime.js";
import { queueFeature } from "./queue-runtime.js";
import type { Feature } from "./serve.js";
import type { Services } from "./services.js";

export function serveFeatures(services: Services): Feature {
  const intake = intakeFeature(services);
  const queue = queueFeature(services);
  return { modules: [...intake.modules, ...queue.modules], jobs: [...intake.jobs, ...queue.jobs] };
}
