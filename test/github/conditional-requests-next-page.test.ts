import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withNextPageLink } from "../../src/github/next-page-link.js";

/**
 * `withNextPageLink` against a model of GitHub's paging: pages sliced by `per_page`/`page`, a
 * `Link` with prev/next/last/first as GitHub sends it, an ETag that covers the body only, and a
 * 304 that carries no `Link`. The conditional walk stores each page and, on a 304, hands back the
 * stored body with `withNextPageLink` over the stored headers, as conditional-requests.ts does.
 */

const BASE = "https://api.github.com/repos/octo/plans/issues";

interface Answer {
  status: 200 | 304;
  etag: string;
  data: unknown;
  headers: Record<string, string>;
}

/**
 * GitHub's side: `items` paged at `url`, optionally wrapped as `{total_count, repositories}`.
 * GitHub's `total_count` counts the whole listing, so any append changes every wrapped page; the
 * model counts the page instead, so that a wrapped page stays unchanged (304) as a bare one does.
 */
function serve(items: number[], url: string, wrapped: boolean, ifNoneMatch?: string): Answer {
  const query = new URL(url).searchParams;
  const perPage = Math.min(100, Number(query.get("per_page") ?? 30));
  const page = Number(query.get("page") ?? 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const data = wrapped ? { total_count: slice.length, repositories: slice } : slice;
  const etag = `"${JSON.stringify(data)}"`;
  if (ifNoneMatch === etag) return { status: 304, etag, data: undefined, headers: {} };
  const at = (target: number) => {
    const next = new URL(url);
    next.searchParams.set("page", String(target));
    return next.toString();
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`<${at(page - 1)}>; rel="prev"`);
  if (page < last) rels.push(`<${at(page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`);
  if (page > 1) rels.push(`<${at(1)}>; rel="first"`);
  return { status: 200, etag, data, headers: rels.length ? { link: rels.join(", "), etag } : { etag } };
}

type Stored = Map<string, { etag: string; data: unknown; headers: Record<string, string> }>;

/** `octokit.paginate` over the conditional-request plugin: follows rel="next" until there is none. */
function walk(items: number[], first: string, wrapped: boolean, cache?: Stored): number[] {
  const seen: number[] = [];
  for (let url: string | undefined = first, hops = 0; url !== undefined; hops++) {
    if (hops > 1000) throw new Error(`the walk never ended: ${url}`);
    const stored = cache?.get(url);
    const answer = serve(items, url, wrapped, stored?.etag);
    let data = answer.data;
    let headers = answer.headers;
    if (answer.status === 304) {
      data = stored!.data;
      headers = withNextPageLink(url, stored!.data, stored!.headers);
    } else cache?.set(url, { etag: answer.etag, data: answer.data, headers: answer.headers });
    seen.push(...(wrapped ? (data as { repositories: number[] }).repositories : (data as number[])));
    url = /<([^>]*)>; rel="next"/.exec(headers.link ?? "")?.[1];
  }
  return seen;
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe("withNextPageLink", () => {
  it("the conditional walk sees every item an unconditional walk sees, after any append at the end", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 70 }),
        fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
        fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 4 }),
        fc.boolean(),
        (length, perPage, appends, wrapped) => {
          const first = perPage === undefined ? BASE : `${BASE}?state=all&per_page=${perPage}`;
          let items = range(1, length);
          const cache: Stored = new Map();
          expect(walk(items, first, wrapped, cache)).toEqual(items);
          // Several syncs, each after an append of k items at the end (k may be 0).
          for (const k of appends) {
            items = [...items, ...range(items.length + 1, k)];
            expect(walk(items, first, wrapped, cache)).toEqual(walk(items, first, wrapped));
          }
        },
      ),
    );
  });

  it("adds a next page (and drops a stale last) only to a full page stored without one", () => {
    const url = `${BASE}?state=all&per_page=2&page=3`;
    const prev = `<${BASE}?state=all&per_page=2&page=2>; rel="prev"`;
    const first = `<${BASE}?state=all&per_page=2&page=1>; rel="first"`;
    const stale = `<${BASE}?state=all&per_page=2&page=3>; rel="last"`;
    expect(withNextPageLink(url, [1, 2], { link: `${prev}, ${stale}, ${first}`, etag: '"e"' })).toEqual({
      link: `${prev}, ${first}, <${BASE}?state=all&per_page=2&page=4>; rel="next"`,
      etag: '"e"',
    });
    // Fewer than per_page: anything appended changes this page's body, so GitHub answers 200.
    expect(withNextPageLink(url, [1], { link: prev })).toEqual({ link: prev });
    // A next page is already named: nothing to add.
    const next = `<${BASE}?page=9>; rel="next"`;
    expect(withNextPageLink(url, [1, 2], { link: next })).toEqual({ link: next });
    // No per_page: GitHub's default of 30.
    expect(withNextPageLink(BASE, range(1, 29), {})).toEqual({});
    expect(withNextPageLink(BASE, range(1, 30), {})).toEqual({ link: `<${BASE}?page=2>; rel="next"` });
    // per_page over 100 is capped at 100 by GitHub.
    expect(withNextPageLink(`${BASE}?per_page=500`, range(1, 100), {}).link).toBe(
      `<${BASE}?per_page=500&page=2>; rel="next"`,
    );
  });

  it("counts the items of a wrapped listing, and leaves a single object alone", () => {
    const url = "https://api.github.com/installation/repositories?per_page=2";
    expect(withNextPageLink(url, { total_count: 5, repository_selection: "all", repositories: [1, 2] }, {})).toEqual({
      link: '<https://api.github.com/installation/repositories?per_page=2&page=2>; rel="next"',
    });
    expect(withNextPageLink(url, { total_count: 5, repositories: [1] }, {})).toEqual({});
    expect(withNextPageLink(url, { id: 1, name: "plans" }, {})).toEqual({});
  });

  it("leaves listings that do not page by number alone: cursors, webhook deliveries, a directory", () => {
    const deliveries = "https://api.github.com/app/hook/deliveries?per_page=2";
    expect(withNextPageLink(deliveries, [1, 2], {})).toEqual({});
    const cursor = "https://api.github.com/orgs/octo/audit-log?per_page=2&after=abc";
    expect(withNextPageLink(cursor, [1, 2], {})).toEqual({});
    const repoHook = "https://api.github.com/repos/octo/plans/hooks/7/deliveries?per_page=2";
    expect(withNextPageLink(repoHook, [1, 2], {})).toEqual({});
    const directory = "https://api.github.com/repos/octo/plans/contents/docs";
    expect(withNextPageLink(directory, range(1, 40), {})).toEqual({});
    // A repository merely named like those paths pages by number as any other.
    const named = "https://api.github.com/repos/octo/contents/issues?per_page=2";
    expect(withNextPageLink(named, [1, 2], {}).link).toBe(
      '<https://api.github.com/repos/octo/contents/issues?per_page=2&page=2>; rel="next"',
    );
    const cursorLink = { link: '<https://api.github.com/x?per_page=2&before=abc>; rel="prev"' };
    expect(withNextPageLink("https://api.github.com/x?per_page=2", [1, 2], cursorLink)).toEqual(cursorLink);
  });
});
