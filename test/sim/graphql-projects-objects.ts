import { connection, type PageArgs } from "./graphql-connection.js";
import { accountObject, issueObject } from "./graphql-objects.js";
import type {
  ProjectFieldRecord,
  ProjectItemRecord,
  ProjectIterationRecord,
  ProjectRecord,
  StoredFieldValue,
} from "./graphql-projects-store.js";
import type { SimUrls } from "./route-context.js";

/**
 * GraphQL objects over the simulator's projects (graphql-projects-store.ts), the Projects side of
 * graphql-objects.ts: a field left out is one the simulator does not simulate. `databaseId` is
 * left out on purpose: it is a 32-bit Int and the simulator's ids are larger (graphql-schema.ts).
 */

export function projectUrl(urls: SimUrls, project: ProjectRecord): string {
  return `${urls.html}/${project.kind}/${project.owner.login}/projects/${project.number}`;
}

export function projectObject(urls: SimUrls, project: ProjectRecord): Record<string, unknown> {
  const url = projectUrl(urls, project);
  return {
    __typename: "ProjectV2",
    id: project.id,
    fullDatabaseId: String(project.dbId),
    number: project.number,
    title: project.title,
    url,
    resourcePath: new URL(url).pathname,
    closed: false,
    closedAt: null,
    public: false,
    readme: null,
    shortDescription: null,
    createdAt: project.createdAt,
    updatedAt: project.updatedAt,
    owner: () => accountObject(urls, project.owner),
    fields: (args: PageArgs) => connection("fields", project.fields, args, (f) => fieldObject(urls, project, f)),
    // GitHub matches the name exactly.
    field: ({ name }: { name: string }) => {
      const field = project.fields.find((f) => f.name === name);
      return field ? fieldObject(urls, project, field) : null;
    },
    items: (args: PageArgs) => connection("items", project.items, args, (i) => itemObject(urls, project, i)),
  };
}

export function fieldObject(urls: SimUrls, project: ProjectRecord, field: ProjectFieldRecord): Record<string, unknown> {
  const common = {
    id: field.id,
    name: field.name,
    dataType: field.dataType,
    createdAt: project.createdAt,
    updatedAt: project.updatedAt,
    project: () => projectObject(urls, project),
  };
  if (field.dataType === "SINGLE_SELECT")
    return {
      __typename: "ProjectV2SingleSelectField",
      ...common,
      options: ({ names }: { names?: string[] | null }) =>
        field.options
          .filter((o) => !names || names.includes(o.name))
          .map((o) => ({ ...o, nameHTML: o.name, color: "GRAY", description: "", descriptionHTML: "" })),
    };
  if (field.dataType === "ITERATION")
    return {
      __typename: "ProjectV2IterationField",
      ...common,
      configuration: {
        duration: field.iterations[0]?.duration ?? 14,
        startDay: 1,
        iterations: field.iterations.filter((i) => !i.completed).map(iterationObject),
        completedIterations: field.iterations.filter((i) => i.completed).map(iterationObject),
      },
    };
  return { __typename: "ProjectV2Field", ...common };
}

function iterationObject(iteration: ProjectIterationRecord) {
  return {
    id: iteration.id,
    title: iteration.title,
    titleHTML: iteration.title,
    startDate: iteration.startDate,
    duration: iteration.duration,
  };
}

export function itemObject(urls: SimUrls, project: ProjectRecord, item: ProjectItemRecord): Record<string, unknown> {
  // Like GitHub, the Title field's value comes first: the issue's title.
  const title = project.fields.find((f) => f.dataType === "TITLE");
  const values = [
    ...(title ? [{ field: title, value: { text: item.issue.title } as StoredFieldValue }] : []),
    ...project.fields.flatMap((field) => {
      const value = item.values.get(field.id);
      return value ? [{ field, value }] : [];
    }),
  ];
  const self = (): Record<string, unknown> => itemObject(urls, project, item);
  return {
    __typename: "ProjectV2Item",
    id: item.id,
    fullDatabaseId: String(item.dbId),
    type: "ISSUE",
    isArchived: false,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    creator: () => accountObject(urls, item.creator),
    project: () => projectObject(urls, project),
    content: () => issueObject(item.repo, urls, item.issue),
    fieldValues: (args: PageArgs) =>
      connection("fieldValues", values, args, (v) => valueObject(urls, project, v.field, v.value, item, self)),
    fieldValueByName: ({ name }: { name: string }) => {
      const found = values.find((v) => v.field.name === name);
      return found ? valueObject(urls, project, found.field, found.value, item, self) : null;
    },
  };
}

function valueObject(
  urls: SimUrls,
  project: ProjectRecord,
  field: ProjectFieldRecord,
  value: StoredFieldValue,
  item: ProjectItemRecord,
  itemOf: () => Record<string, unknown>,
): Record<string, unknown> {
  const common = {
    id: `PVTFV_${item.dbId}_${field.dbId}`,
    createdAt: item.updatedAt,
    updatedAt: item.updatedAt,
    creator: () => accountObject(urls, item.valueCreators?.get(field.id) ?? item.creator),
    field: () => fieldObject(urls, project, field),
    item: itemOf,
  };
  if ("singleSelectOptionId" in value) {
    const option = field.options.find((o) => o.id === value.singleSelectOptionId);
    return {
      __typename: "ProjectV2ItemFieldSingleSelectValue",
      ...common,
      optionId: value.singleSelectOptionId,
      name: option?.name ?? null,
      nameHTML: option?.name ?? null,
      color: "GRAY",
      description: null,
      descriptionHTML: null,
    };
  }
  if ("iterationId" in value) {
    const iteration = field.iterations.find((i) => i.id === value.iterationId);
    return {
      __typename: "ProjectV2ItemFieldIterationValue",
      ...common,
      iterationId: value.iterationId,
      title: iteration?.title ?? "",
      titleHTML: iteration?.title ?? "",
      startDate: iteration?.startDate ?? "1970-01-01",
      duration: iteration?.duration ?? 0,
    };
  }
  if ("number" in value) return { __typename: "ProjectV2ItemFieldNumberValue", ...common, number: value.number };
  if ("date" in value) return { __typename: "ProjectV2ItemFieldDateValue", ...common, date: value.date };
  return { __typename: "ProjectV2ItemFieldTextValue", ...common, text: value.text };
}
