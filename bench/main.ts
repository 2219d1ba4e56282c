import { benchAck, printAck } from "./ack-latency-bench.js";
import { benchApi, printApi } from "./api-bench.js";
import { benchBoard, printBoard } from "./board-bench.js";
import { benchCrashSweep, printCrashSweep } from "./crash-sweep-bench.js";
import { benchHierarchy, printHierarchy } from "./hierarchy-bench.js";
import { benchParse, printParse } from "./parse-bench.js";
import { benchRecovery, printRecovery } from "./recovery-bench.js";
import { benchScale, printScale } from "./scale-bench.js";
import { benchSpecKit, printSpecKit } from "./spec-kit-bench.js";
import { benchWriteBack, printWriteBack } from "./write-back-bench.js";
import { benchWriteBudget, printWriteBudget } from "./write-budget-bench.js";

/**
 * `npm run bench [parse|api|write-back|spec-kit|hierarchy|board|budget|scale|ack|recovery|crash-sweep]`: prints
 * the figures the issues ask for. Not part of `npm test`: figures are measured, not asserted; the
 * request counts, which are exact, are pinned by test/bench as well. A missed target makes the
 * bench exit 1, so a stale target cannot hide.
 */
const only = process.argv[2];
const missed: string[] = [];
if (!only || only === "parse") printParse(benchParse());
if (!only || only === "api") missed.push(...printApi(await benchApi()));
if (!only || only === "write-back") printWriteBack(await benchWriteBack());
if (!only || only === "spec-kit") missed.push(...printSpecKit(await benchSpecKit()));
if (!only || only === "hierarchy") missed.push(...printHierarchy(await benchHierarchy()));
if (!only || only === "board") missed.push(...printBoard(await benchBoard()));
if (!only || only === "budget") missed.push(...printWriteBudget(benchWriteBudget()));
if (!only || only === "scale") printScale(await benchScale());
if (!only || only === "ack") printAck(await benchAck());
if (!only || only === "recovery") printRecovery(await benchRecovery());
if (!only || only === "crash-sweep") printCrashSweep(await benchCrashSweep());
if (missed.length > 0) {
  console.log(`\nMISSED ${missed.length} target(s): ${missed.join("; ")}`);
  process.exitCode = 1;
}
