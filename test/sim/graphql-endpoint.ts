import {
  GraphQLError,
  Kind,
  defaultFieldResolver,
  executeSync,
  getOperationAST,
  parse,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { UnsimulatedError, type GraphqlContext } from "./graphql-context.js";
import {
  GitHubGraphqlError,
  formatExecutionError,
  requestError,
  validationErrors,
  type FormattedError,
} from "./graphql-errors.js";
import { mutationRoot } from "./graphql-mutations.js";
import { queryRoot } from "./graphql-queries.js";
import type { ParsedRequest } from "./request-parse.js";
import { json, type SimResponse } from "./responses.js";

/**
 * `POST /graphql` (and GitHub Enterprise Server's `POST /api/graphql`): the document is parsed and
 * validated against GitHub's published schema first. A document that breaks it is answered the way
 * GitHub does (HTTP 200 with `errors`) and reported as a violation, so the test fails loudly.
 */

export function isGraphqlRequest(parsed: ParsedRequest): boolean {
  return parsed.method === "POST" && (parsed.rawPath === "/graphql" || parsed.rawPath === "/api/graphql");
}

/** A request read and checked, not yet run: faults and hooks act between the two steps. */
export interface PreparedGraphql {
  /** `graphql:query:repository,user` or `graphql:mutation:createIssue` (root field names); `graphql:invalid` when unreadable. */
  operationId: string;
  /** Why the request breaks GitHub's schema; empty when it can run. */
  problems: FormattedError[];
  document?: DocumentNode;
  operationName?: string;
  variables?: Record<string, unknown>;
}

export function prepareGraphql(schema: GraphQLSchema, body: unknown): PreparedGraphql {
  const request = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const invalid = (problem: FormattedError) => ({ operationId: "graphql:invalid", problems: [problem] });
  if (typeof request.query !== "string")
    return invalid(requestError("A query attribute must be specified and must be a string."));
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (error) {
    return invalid(requestError(String((error as Error).message), (error as GraphQLError).locations));
  }
  const operationName = typeof request.operationName === "string" ? request.operationName : undefined;
  const operation = getOperationAST(document, operationName);
  const variables = request.variables ?? {};
  const problems = validationErrors(schema, document);
  if (!operation)
    problems.push(
      requestError(
        operationName
          ? `No operation named "${operationName}"`
          : "An operation name is required when the document has several operations.",
      ),
    );
  if (typeof variables !== "object" || Array.isArray(variables))
    problems.push(requestError("variables must be a JSON object"));
  return {
    operationId: operation
      ? `graphql:${operation.operation}:${rootFields(document, operation).join(",")}`
      : "graphql:invalid",
    problems,
    document,
    ...(operationName ? { operationName } : {}),
    variables: variables as Record<string, unknown>,
  };
}

/** Runs a prepared, valid request over the simulator's state. */
export function executeGraphql(schema: GraphQLSchema, prepared: PreparedGraphql, ctx: GraphqlContext): SimResponse {
  const result = executeSync({
    schema,
    document: prepared.document!,
    rootValue: { ...queryRoot(ctx), ...mutationRoot(ctx) },
    contextValue: ctx,
    variableValues: prepared.variables,
    operationName: prepared.operationName,
    fieldResolver: simulatedFieldsOnly,
  });
  if (result.data === undefined) {
    // No data at all: the variables did not fit their declared types (checked before anything runs).
    const errors = (result.errors ?? []).map((e) => ({
      ...requestError(e.message, e.locations),
      extensions: { code: "variableMismatch" },
    }));
    for (const error of errors) ctx.violation(error.message);
    return graphqlErrors(errors);
  }
  for (const error of result.errors ?? []) {
    const original = error.originalError;
    // A plain exception is a simulator bug, never GitHub behaviour.
    if (
      original &&
      !(original instanceof GitHubGraphqlError) &&
      !(original instanceof GraphQLError) &&
      !(original instanceof UnsimulatedError)
    )
      ctx.violation(`GitHubSim crashed at ${error.path?.join(".") ?? "?"}: ${original.stack ?? original.message}`);
  }
  const errors = result.errors?.map(formatExecutionError);
  return json(200, { data: result.data, ...(errors?.length ? { errors } : {}) });
}

export function graphqlErrors(errors: FormattedError[]): SimResponse {
  return json(200, { errors });
}

/** Fields a simulated object leaves out are ones the simulator does not simulate: say so, never return null. */
const simulatedFieldsOnly: GraphQLFieldResolver<unknown, GraphqlContext> = (source, args, ctx, info) => {
  if (typeof source === "object" && source !== null && !(info.fieldName in source))
    throw ctx.unsimulated(`${info.parentType.name}.${info.fieldName}`);
  return defaultFieldResolver(source, args, ctx, info);
};

function rootFields(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const names: string[] = [];
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.name.value.startsWith("__") && !names.includes(selection.name.value))
          names.push(selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else {
        const name = selection.name.value;
        const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name);
        if (fragment?.kind === Kind.FRAGMENT_DEFINITION) visit(fragment.selectionSet);
      }
    }
  };
  visit(operation.selectionSet);
  return names;
}
