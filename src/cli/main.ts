#!/usr/bin/env node
import { writeFileSync } from "node:fs";
import { runCli } from "./run-cli.js";

const io = {
  out: (text: string) => process.stdout.write(`${text}\n`),
  err: (text: string) => process.stderr.write(`${text}\n`),
  writeFile: (path: string, text: string) => writeFileSync(path, text),
  progress: (text: string) => process.stderr.write(text),
  isTTY: process.stderr.isTTY === true,
};

try {
  process.exitCode = await runCli(process.argv.slice(2), io);
} catch (error) {
  // A bug, not bad input: say so in one line instead of a stack trace, and keep the detail behind a flag.
  const detail = process.env.PLANSYNC_DEBUG ? (error as Error).stack : (error as Error).message;
  process.stderr.write(`plansync: internal error: ${detail}\n`);
  process.exitCode = 70;
}
