// The parse worker for TypeScript source runs (tsx, vitest): Node cannot load a .ts file in a
// worker thread by itself, and a worker inherits neither tsx's hooks nor vitest's transform. The
// built app (dist/) starts parse-worker.js directly and never loads this file.
import { tsImport } from "tsx/esm/api";

const worker = await tsImport("./parse-worker.ts", import.meta.url);
export const parse = worker.parse;
