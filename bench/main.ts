import { benchAck, printAck } from "./ack-latency-bench.js";
import { benchApi, printApi } from "./api-bench.js";
import { benchCrashSweep, printCrashSweep } from "./crash-sweep-bench.js";
import { benchHierarchy, printHierarchy } from "./hierarchy-bench.js";
import { benchParse, printParse } from "./parse-bench.js";
import { benchRecovery, printRecovery } from "./recovery-bench.js";
import { benchScale, printScale } from "./scale-bench.js";
import { benchSpecKit, printSpecKit } from "./spec-kit-bench.js";
import { benchWriteBack, printWriteBack } from "./write-back-bench.js";

/** `npm run bench [parse|api|write-back|spec-kit|hierarchy|scale|ack|recovery|crash-sweep]`: prints the figures the issues ask for. Not part of `npm test`: figures are measured, not asserted. */
const only = process.argv[2];
if (!only || only === "parse") printParse(benchParse());
if (!only || only === "api") printApi(await benchApi());
if (!only || only === "write-back") printWriteBack(await benchWriteBack());
if (!only || only === "spec-kit") printSpecKit(await benchSpecKit());
if (!only || only === "hierarchy") printHierarchy(await benchHierarchy());
if (!only || only === "scale") printScale(await benchScale());
if (!only || only === "ack") printAck(await benchAck());
if (!only || only === "recovery") printRecovery(await benchRecovery());
if (!only || only === "crash-sweep") printCrashSweep(await benchCrashSweep());
