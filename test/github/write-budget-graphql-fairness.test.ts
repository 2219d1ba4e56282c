// Regression, issue #22 (write budget): fairness between repositories of one installation when creates go
// through GraphQL. Every GraphQL mutation is counted under one key, "(graphql)", whatever
// repository it writes to, so a small sync in repo B that creates its issues through GraphQL
// (the default path) is taken for the bulk sync of repo A and queues behind it for up to an hour.
import { Octokit } from "@octokit/rest";
import { describe, expect, it } from "vitest";
import { MemoryWriteBudget } from "../../src/github/write-budget.js";
import { forRepository, writeBudget } from "../../src/github/write-budget-plugin.js";

const PacedOctokit = Octokit.plugin(writeBudget);

const CREATE = `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id number } } }`;

describe("the write budget's fairness with GraphQL creates", () => {
  it("admits a small sync's GraphQL create in repo B while repo A's bulk sync has spent its 400 of the hour", async () => {
    const clock = { now: 1_700_000_000_000 };
    const sent: string[] = [];
    const octokit = new PacedOctokit({
      request: {
        fetch: async (url: string, init: { method: string; body?: string }) => {
          sent.push(`${init.method} ${new URL(url).pathname}`);
          return new Response(JSON.stringify({ data: { createIssue: { issue: { id: "I_1", number: 1 } } } }), {
            status: 200,
            headers: { "content-type": "application/json" },
          });
        },
      },
      writeBudget: {
        budget: new MemoryWriteBudget(),
        installation: "42",
        now: () => clock.now,
        sleep: async (ms: number) => void (clock.now += ms),
      },
    });
    // Repo A's huge first sync: 400 GraphQL creates, 3 s apart (octokit's pace for creates).
    for (let i = 0; i < 400; i++) {
      await octokit.graphql(CREATE, { input: { repositoryId: "R_A", title: `A ${i}` } });
      clock.now += 3_000;
    }
    // Repo B's small sync: one create in another repository of the same installation. The
    // installation's hour holds 400 of 450; the last 50 are kept for exactly this sync.
    const outcome = await octokit.graphql(CREATE, { input: { repositoryId: "R_B", title: "B 1" } }).then(
      () => "sent",
      (error: unknown) => `refused: ${(error as Error).message}`,
    );
    expect(outcome).toBe("sent");
    expect(sent).toHaveLength(401);
  });

  it("keeps the reserve for repo B when repo A's bulk sync follows its GraphQL creates with REST writes", async () => {
    const clock = { now: 1_700_000_000_000 };
    const sent: string[] = [];
    const octokit = new PacedOctokit({
      request: {
        fetch: async (url: string, init: { method: string }) => {
          const path = new URL(url).pathname;
          sent.push(`${init.method} ${path}`);
          const body =
            path === "/graphql" ? { data: { createIssue: { issue: { id: "I_1", number: 1 } } } } : { id: 1, number: 1 };
          return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
        },
      },
      writeBudget: {
        budget: new MemoryWriteBudget(),
        installation: "42",
        now: () => clock.now,
        sleep: async (ms: number) => void (clock.now += ms),
      },
    });
    // Repo A's bulk sync: 400 creates through GraphQL, then its REST writes (closing issues),
    // which the budget counts under "octo/a", a repository that has "written nothing" this hour.
    // They name their repository as graphqlCreateIssue does: /graphql itself names none.
    for (let i = 0; i < 400; i++) {
      await octokit.graphql(CREATE, {
        input: { repositoryId: "R_A", title: `A ${i}` },
        ...forRepository({ owner: "octo", repo: "a" }),
      });
      clock.now += 1_000;
    }
    let aAfterBulk = 0;
    for (let i = 0; i < 60; i++) {
      const ok = await octokit.rest.issues
        .update({ owner: "octo", repo: "a", issue_number: i + 1, state: "closed" })
        .then(
          () => true,
          () => false,
        );
      if (!ok) break;
      aAfterBulk++;
      clock.now += 1_000;
    }
    // Repo A has written 400 + aAfterBulk this hour: a bulk sync is held to 400, the last 50 of the
    // 450 are repo B's.
    const outcome = await octokit.rest.issues.create({ owner: "octo", repo: "b", title: "B 1" }).then(
      () => "sent",
      (error: unknown) => `refused: ${(error as Error).message}`,
    );
    expect({ outcome, aWroteThisHour: 400 + aAfterBulk }).toEqual({ outcome: "sent", aWroteThisHour: 400 });
  });
});
