import {
  FieldsOnCorrectTypeRule,
  GraphQLError,
  KnownArgumentNamesRule,
  KnownDirectivesRule,
  KnownFragmentNamesRule,
  KnownTypeNamesRule,
  NoUndefinedVariablesRule,
  NoUnusedFragmentsRule,
  NoUnusedVariablesRule,
  ProvidedRequiredArgumentsRule,
  ScalarLeafsRule,
  ValuesOfCorrectTypeRule,
  VariablesInAllowedPositionRule,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from "graphql";

/**
 * GitHub's GraphQL error shapes. An execution problem (a missing node, a broken rule) carries a
 * top-level `type` such as NOT_FOUND next to `path`, `locations` and `message`; a document that
 * breaks the schema carries `extensions.code` instead (graphql-ruby's static validation codes).
 */

export type GitHubErrorType =
  "NOT_FOUND" | "UNPROCESSABLE" | "FORBIDDEN" | "EXCESSIVE_PAGINATION" | "MISSING_PAGINATION_BOUNDARIES";

/** Thrown by resolvers; the endpoint formats it with its GitHub `type`. */
export class GitHubGraphqlError extends Error {
  constructor(
    readonly type: GitHubErrorType,
    message: string,
  ) {
    super(message);
  }
}

export const nodeNotFound = (id: string) =>
  new GitHubGraphqlError("NOT_FOUND", `Could not resolve to a node with the global id of '${id}'`);

export interface FormattedError {
  type?: string;
  path?: readonly (string | number)[];
  locations?: readonly { line: number; column: number }[];
  message: string;
  extensions?: Record<string, unknown>;
}

/** An execution error as GitHub words it: the resolver's `type`, or graphql-js's own message. */
export function formatExecutionError(error: GraphQLError): FormattedError {
  const original = error.originalError;
  return {
    ...(original instanceof GitHubGraphqlError ? { type: original.type } : {}),
    ...(error.path ? { path: error.path } : {}),
    ...(error.locations ? { locations: error.locations } : {}),
    message: error.message,
  };
}

/** graphql-ruby's codes for the graphql-js rules that have a counterpart; others use the rule's name. */
const CODES = new Map<ValidationRule, string>([
  [FieldsOnCorrectTypeRule, "undefinedField"],
  [KnownArgumentNamesRule, "argumentNotAccepted"],
  [ProvidedRequiredArgumentsRule, "missingRequiredArguments"],
  [KnownTypeNamesRule, "undefinedType"],
  [NoUnusedVariablesRule, "variableNotUsed"],
  [NoUndefinedVariablesRule, "variableNotDefined"],
  [ScalarLeafsRule, "selectionMismatch"],
  [ValuesOfCorrectTypeRule, "argumentLiteralsIncompatible"],
  [VariablesInAllowedPositionRule, "variableMismatch"],
  [KnownFragmentNamesRule, "undefinedFragment"],
  [NoUnusedFragmentsRule, "useAndDefineFragment"],
  [KnownDirectivesRule, "undefinedDirective"],
]);

/** Every way the document breaks the schema, each with the `extensions.code` of the rule it broke. */
export function validationErrors(schema: GraphQLSchema, document: DocumentNode): FormattedError[] {
  if (validate(schema, document).length === 0) return [];
  return specifiedRules.flatMap((rule) =>
    validate(schema, document, [rule]).map((error) => ({
      ...(error.locations ? { locations: error.locations } : {}),
      message: error.message,
      extensions: { code: CODES.get(rule) ?? ruleCode(rule) },
    })),
  );
}

function ruleCode(rule: ValidationRule): string {
  const name = rule.name.replace(/Rule$/, "");
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** A request that is not GraphQL at all (no query, unparsable): GitHub's bare `{message}` errors. */
export function requestError(message: string, locations?: readonly { line: number; column: number }[]): FormattedError {
  return { message, ...(locations ? { locations } : {}) };
}
