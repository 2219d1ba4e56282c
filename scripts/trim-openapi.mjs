#!/usr/bin/env node
// Trims GitHub's official REST description (as published in @octokit/openapi) down to the
// operations listed in scripts/openapi-operations.txt, so tests can validate simulated requests
// against the real contract without committing or installing the ~385 MB package.
//
// Usage: node scripts/trim-openapi.mjs
//   OPENAPI_PACKAGE_DIR=<dir>  reuse an already unpacked @octokit/openapi package instead of installing it.
//
// Only Node built-ins are required. If the project's prettier is importable, the output is
// formatted with it so `prettier --check` stays green; otherwise plain 2-space JSON is written.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE = "@octokit/openapi";
const VERSION = "23.0.2";
const SPEC_FILE = "generated/api.github.com.json";
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const operationsFile = join(root, "scripts", "openapi-operations.txt");
const outputFile = join(root, "test", "openapi", "api.github.com.trimmed.json");

/** @returns {{method: string, path: string}[]} */
function readOperationList(file) {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.replace(/#.*/, "").trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const match = /^([A-Za-z]+)\s+(\/\S*)$/.exec(line);
      if (!match) throw new Error(`${relative(root, file)}: cannot parse line "${line}"`);
      return { method: match[1].toLowerCase(), path: match[2] };
    });
}

/** Installs the package into a throw-away prefix; returns the package dir and a cleanup function. */
function obtainPackage() {
  const given = process.env.OPENAPI_PACKAGE_DIR;
  if (given) return { dir: given, cleanup: () => {} };
  const prefix = mkdtempSync(join(tmpdir(), "plansync-openapi-"));
  const args = ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", `${PACKAGE}@${VERSION}`];
  console.error(`npm ${args.join(" ")}`);
  execFileSync("npm", args, { stdio: ["ignore", "inherit", "inherit"] });
  return {
    dir: join(prefix, "node_modules", PACKAGE),
    cleanup: () => rmSync(prefix, { recursive: true, force: true }),
  };
}

function loadSpec(packageDir) {
  const file = join(packageDir, SPEC_FILE);
  if (!existsSync(file)) {
    const available = readdirSync(join(packageDir, "generated")).join(", ");
    throw new Error(`${SPEC_FILE} not found in ${packageDir}; generated/ has: ${available}`);
  }
  const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
  if (pkg.version !== VERSION) throw new Error(`expected ${PACKAGE}@${VERSION}, found ${pkg.version}`);
  return JSON.parse(readFileSync(file, "utf8"));
}

/** Follows a local "#/components/..." pointer. */
function resolvePointer(spec, ref) {
  if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported: ${ref}`);
  const target = ref
    .slice(2)
    .split("/")
    .reduce((node, key) => node?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
  if (target === undefined) throw new Error(`dangling $ref ${ref}`);
  return target;
}

const deref = (spec, node) => (node && typeof node.$ref === "string" ? resolvePointer(spec, node.$ref) : node);

/** Parameters are inlined (they are few and small); their schemas may still $ref components. */
function trimParameters(spec, pathItem, operation) {
  const byKey = new Map();
  for (const p of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
    const param = deref(spec, p);
    byKey.set(`${param.in}:${param.name}`, withoutKeys(param, ["examples", "example"]));
  }
  return [...byKey.values()];
}

/** Keeps only the JSON request schema; request examples are large and not needed for validation. */
function trimRequestBody(spec, operation) {
  const body = deref(spec, operation.requestBody);
  if (!body) return undefined;
  const content = {};
  for (const [mediaType, media] of Object.entries(body.content ?? {})) {
    content[mediaType] = { schema: media.schema };
  }
  return { required: body.required ?? false, content };
}

/** Responses are reduced to status codes + descriptions: the simulator builds its own bodies. */
function trimResponses(spec, operation) {
  const out = {};
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    out[status] = { description: deref(spec, response).description ?? "" };
  }
  return out;
}

function trimOperation(spec, method, path) {
  const pathItem = spec.paths[path];
  const operation = pathItem?.[method];
  if (!operation) throw new Error(`not in GitHub's REST description: ${method.toUpperCase()} ${path}`);
  const trimmed = {
    operationId: operation.operationId,
    summary: operation.summary,
    tags: operation.tags,
    externalDocs: operation.externalDocs,
    parameters: trimParameters(spec, pathItem, operation),
    requestBody: trimRequestBody(spec, operation),
    responses: trimResponses(spec, operation),
  };
  return dropUndefined(trimmed);
}

/** Copies every components.schemas entry reachable from `roots`, following refs transitively. */
function collectSchemas(spec, roots) {
  const schemas = {};
  const pending = [...roots];
  while (pending.length > 0) {
    for (const ref of findSchemaRefs(pending.pop())) {
      const name = ref.slice("#/components/schemas/".length);
      if (name in schemas) continue;
      schemas[name] = resolvePointer(spec, ref);
      pending.push(schemas[name]);
    }
  }
  return schemas;
}

function findSchemaRefs(node, found = new Set()) {
  if (Array.isArray(node)) node.forEach((item) => findSchemaRefs(item, found));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") {
        if (!value.startsWith("#/components/schemas/")) throw new Error(`unexpected $ref kept: ${value}`);
        found.add(value);
      } else findSchemaRefs(value, found);
    }
  }
  return found;
}

function withoutKeys(object, keys) {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));
}

function dropUndefined(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

/** Recursively sorts object keys so regenerating produces minimal diffs. Arrays keep their order. */
function sortKeys(node) {
  if (Array.isArray(node)) return node.map(sortKeys);
  if (!node || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.keys(node)
      .sort()
      .map((key) => [key, sortKeys(node[key])]),
  );
}

/**
 * Where GitHub accepts more than its description says, and plansync relies on it. Each entry is
 * applied to the trimmed copy and recorded in it under `x-plansync-override`; keep it short.
 */
const OVERRIDES = [
  {
    method: "patch",
    path: "/repos/{owner}/{repo}/milestones/{milestone_number}",
    property: "due_on",
    why: "GitHub clears a milestone's due date when `due_on` is null, though the description types it as a string",
    apply: (schema) => ({ ...schema, nullable: true }),
  },
];

function applyOverrides(paths) {
  for (const { method, path, property, why, apply } of OVERRIDES) {
    const body = paths[path]?.[method]?.requestBody?.content?.["application/json"]?.schema;
    if (!body?.properties?.[property]) throw new Error(`override target ${method} ${path} ${property} is gone`);
    body.properties[property] = { ...apply(body.properties[property]), "x-plansync-override": why };
  }
}

function buildTrimmedSpec(spec, operations) {
  const paths = {};
  for (const { method, path } of operations) {
    paths[path] ??= {};
    paths[path][method] = trimOperation(spec, method, path);
  }
  applyOverrides(paths);
  return sortKeys({
    openapi: spec.openapi,
    info: {
      title: `${spec.info.title} (trimmed)`,
      version: spec.info.version,
      description:
        `Trimmed from ${PACKAGE}@${VERSION} (${SPEC_FILE}) by scripts/trim-openapi.mjs, ` +
        `keeping only the ${operations.length} operations listed in scripts/openapi-operations.txt. ` +
        "Responses are reduced to status codes. Do not edit by hand: edit the list and re-run `npm run openapi:trim`.",
      license: spec.info.license,
      "x-trimmed-from": { package: PACKAGE, version: VERSION, file: SPEC_FILE, script: "scripts/trim-openapi.mjs" },
    },
    servers: spec.servers,
    paths,
    components: { schemas: collectSchemas(spec, [paths]) },
  });
}

async function format(text, file) {
  try {
    const prettier = await import("prettier");
    const options = (await prettier.resolveConfig(file)) ?? {};
    return await prettier.format(text, { ...options, filepath: file });
  } catch (error) {
    if (error?.code !== "ERR_MODULE_NOT_FOUND") throw error;
    return text;
  }
}

async function main() {
  const operations = readOperationList(operationsFile);
  const { dir, cleanup } = obtainPackage();
  try {
    const trimmed = buildTrimmedSpec(loadSpec(dir), operations);
    const text = await format(`${JSON.stringify(trimmed, null, 2)}\n`, outputFile);
    writeFileSync(outputFile, text);
    console.error(
      `wrote ${relative(root, outputFile)} (${operations.length} operations, ${Buffer.byteLength(text)} bytes)`,
    );
  } finally {
    cleanup();
  }
}

await main();
