// Worker-thread entry: registers the TypeScript loader, then runs the profiling worker.
import { register } from "tsx/esm/api";

register();
await import("./profile-worker.ts");
