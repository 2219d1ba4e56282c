import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  GraphQLObjectType,
  GraphQLScalarType,
  Kind,
  buildASTSchema,
  parse,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLSchema,
  type InputValueDefinitionNode,
  type TypeNode,
} from "graphql";

/**
 * GitHub's published GraphQL schema (the pinned @octokit/graphql-schema package) plus
 * graphql-overlay.graphql, built once and shared by every simulator, as openapi-spec.ts shares
 * the REST description. `githubGraphqlSchema(removals)` builds a narrower copy for GitHub
 * Enterprise Server versions that lack some of it.
 */

const OVERLAY_SDL = new URL("./graphql-overlay.graphql", import.meta.url);

let fullDocument: DocumentNode | undefined;
const schemas = new Map<string, GraphQLSchema>();

/**
 * The schema to validate against. `removals` name what a server lacks: `"Type.field"` drops a
 * field, input field or enum value; `"Type"` drops a type and every field, argument or input field
 * of that type. Unknown names throw, so a typo cannot silently leave the schema whole.
 */
export function githubGraphqlSchema(removals: readonly string[] = []): GraphQLSchema {
  const key = [...new Set(removals)].sort().join(",");
  let schema = schemas.get(key);
  if (!schema) {
    const document = githubGraphqlDocument();
    schema = buildASTSchema(removals.length ? withoutParts(document, removals) : document);
    widenDatabaseIds(schema);
    schemas.set(key, schema);
  }
  return schema;
}

/**
 * The simulator numbers every record from one counter above 2^31 (sim-state.ts), so REST code that
 * assumes 32-bit ids fails. On GitHub only issue, pull request and comment ids have passed 2^31:
 * their `databaseId: Int` fails there and the schema offers `fullDatabaseId`. Accounts',
 * repositories' and milestones' ids still fit, so for those the simulator's larger ids are
 * serialised as they are instead of failing where GitHub would not. Issue.databaseId keeps the
 * 32-bit Int and fails as on GitHub.
 */
const WIDE_DATABASE_IDS = ["User", "Bot", "Organization", "Repository", "Milestone"];

const wideInt = new GraphQLScalarType({
  name: "Int",
  serialize(value) {
    if (typeof value === "number" && Number.isSafeInteger(value)) return value;
    throw new TypeError(`GitHubSim: databaseId ${String(value)} is not an integer`);
  },
});

function widenDatabaseIds(schema: GraphQLSchema): void {
  for (const name of WIDE_DATABASE_IDS) {
    const type = schema.getType(name);
    const field = type instanceof GraphQLObjectType ? type.getFields().databaseId : undefined;
    if (field) field.type = wideInt;
  }
}

function githubGraphqlDocument(): DocumentNode {
  if (fullDocument) return fullDocument;
  const published = parse(readFileSync(packageSdlPath(), "utf8"), { noLocation: true });
  const overlay = parse(readFileSync(OVERLAY_SDL, "utf8"), { noLocation: true });
  fullDocument = {
    kind: Kind.DOCUMENT,
    definitions: [...published.definitions.map(withoutRepeatedFields), ...overlay.definitions],
  };
  return fullDocument;
}

/**
 * The published schema.graphql defines `EnterpriseOwnerInfo.repositoryDeployKeySetting` (and its
 * `…Organizations` sibling) twice, which graphql-js rejects. The first copy is kept: the second
 * carries a copy-pasted description.
 */
/** The package's `exports` hide schema.graphql from resolvers, so look for it in node_modules. */
function packageSdlPath(): string {
  const relative = join("node_modules", "@octokit", "graphql-schema", "schema.graphql");
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, relative))) return join(dir, relative);
    if (dirname(dir) === dir)
      throw new Error("GitHubSim: @octokit/graphql-schema is not installed; run `npm ci` (it is a devDependency)");
  }
}

function withoutRepeatedFields(definition: DefinitionNode): DefinitionNode {
  if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || !definition.fields) return definition;
  const seen = new Set<string>();
  const fields = definition.fields.filter((field) => !seen.has(field.name.value) && seen.add(field.name.value));
  return fields.length === definition.fields.length ? definition : { ...definition, fields };
}

function withoutParts(document: DocumentNode, removals: readonly string[]): DocumentNode {
  const types = new Set(removals.filter((name) => !name.includes(".")));
  const members = new Set(removals.filter((name) => name.includes(".")));
  assertKnown(githubGraphqlSchema(), types, members);
  const keepInput = (owner: string) => (value: InputValueDefinitionNode) =>
    !members.has(`${owner}.${value.name.value}`) && !types.has(namedType(value.type));
  const keepField = (owner: string) => (field: FieldDefinitionNode) =>
    !members.has(`${owner}.${field.name.value}`) && !types.has(namedType(field.type));
  const definitions = document.definitions.flatMap((definition): DefinitionNode[] => {
    if (!("name" in definition) || !definition.name) return [definition];
    const owner = definition.name.value;
    if (types.has(owner)) return [];
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_EXTENSION: {
        const fields = definition.fields?.filter(keepField(owner)).map((field) => ({
          ...field,
          arguments: field.arguments?.filter(keepInput(`${owner}.${field.name.value}`)),
        }));
        const interfaces = definition.interfaces?.filter((i) => !types.has(i.name.value));
        return [{ ...definition, fields, interfaces }];
      }
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      case Kind.INPUT_OBJECT_TYPE_EXTENSION:
        return [{ ...definition, fields: definition.fields?.filter(keepInput(owner)) }];
      case Kind.ENUM_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_EXTENSION:
        return [{ ...definition, values: definition.values?.filter((v) => !members.has(`${owner}.${v.name.value}`)) }];
      case Kind.UNION_TYPE_DEFINITION:
      case Kind.UNION_TYPE_EXTENSION:
        return [{ ...definition, types: definition.types?.filter((t) => !types.has(t.name.value)) }];
      default:
        return [definition];
    }
  });
  return { ...document, definitions };
}

function assertKnown(schema: GraphQLSchema, types: Set<string>, members: Set<string>): void {
  for (const name of types)
    if (!schema.getType(name)) throw new Error(`GitHubSim: cannot remove GraphQL type ${name}: the schema has none`);
  for (const name of members) {
    const [owner = "", member = ""] = name.split(".");
    const type = schema.getType(owner);
    const known =
      type && "getFields" in type
        ? member in type.getFields()
        : type && "getValue" in type
          ? type.getValue(member) !== undefined
          : false;
    if (!known) throw new Error(`GitHubSim: cannot remove ${name}: the GraphQL schema has no such field or value`);
  }
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}
