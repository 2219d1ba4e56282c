import { createHash } from "node:crypto";

/**
 * Content-addressed git objects with real git SHA-1s, so shas the app computes locally
 * (e.g. `git hash-object` of a file it is about to write) agree with the simulator's.
 */
export type EntryType = "blob" | "tree" | "commit";

export interface TreeEntry {
  name: string;
  /** As the REST API spells it: `100644`, `100755`, `120000`, `040000`, `160000`. */
  mode: string;
  type: EntryType;
  sha: string;
}

export interface GitPerson {
  name: string;
  email: string;
  /** ISO 8601 timestamp, e.g. `2026-01-02T03:04:05Z`. */
  date: string;
}

export interface BlobObject {
  type: "blob";
  content: Buffer;
}
export interface TreeObject {
  type: "tree";
  entries: TreeEntry[];
}
export interface CommitObject {
  type: "commit";
  tree: string;
  parents: string[];
  message: string;
  author: GitPerson;
  committer: GitPerson;
}
export type GitObject = BlobObject | TreeObject | CommitObject;

export class GitStore {
  private readonly objects = new Map<string, GitObject>();

  get(sha: string): GitObject | undefined {
    return this.objects.get(sha.toLowerCase());
  }

  blob(sha: string): BlobObject | undefined {
    const object = this.get(sha);
    return object?.type === "blob" ? object : undefined;
  }

  tree(sha: string): TreeObject | undefined {
    const object = this.get(sha);
    return object?.type === "tree" ? object : undefined;
  }

  commit(sha: string): CommitObject | undefined {
    const object = this.get(sha);
    return object?.type === "commit" ? object : undefined;
  }

  putBlob(content: Buffer): string {
    return this.put({ type: "blob", content }, content);
  }

  putTree(entries: TreeEntry[]): string {
    const sorted = [...entries].sort(compareTreeEntries);
    return this.put({ type: "tree", entries: sorted }, encodeTree(sorted));
  }

  putCommit(commit: Omit<CommitObject, "type">): string {
    return this.put({ type: "commit", ...commit }, Buffer.from(encodeCommit(commit)));
  }

  private put(object: GitObject, payload: Buffer): string {
    const sha = gitHash(object.type, payload);
    if (!this.objects.has(sha)) this.objects.set(sha, object);
    return sha;
  }
}

export function gitHash(type: string, payload: Buffer): string {
  const header = Buffer.from(`${type} ${payload.length}\0`);
  return createHash("sha1").update(header).update(payload).digest("hex");
}

/** Git orders tree entries bytewise, comparing a subtree's name as if it ended in `/`. */
function compareTreeEntries(a: TreeEntry, b: TreeEntry): number {
  return Buffer.compare(
    Buffer.from(a.type === "tree" ? `${a.name}/` : a.name),
    Buffer.from(b.type === "tree" ? `${b.name}/` : b.name),
  );
}

function encodeTree(entries: TreeEntry[]): Buffer {
  const parts = entries.flatMap((entry) => [
    Buffer.from(`${entry.mode.replace(/^0+/, "")} ${entry.name}\0`),
    Buffer.from(entry.sha, "hex"),
  ]);
  return Buffer.concat(parts);
}

function encodeCommit(commit: Omit<CommitObject, "type">): string {
  const lines = [`tree ${commit.tree}`, ...commit.parents.map((parent) => `parent ${parent}`)];
  lines.push(`author ${signature(commit.author)}`, `committer ${signature(commit.committer)}`);
  return `${lines.join("\n")}\n\n${commit.message}`;
}

function signature(person: GitPerson): string {
  const seconds = Math.floor(Date.parse(person.date) / 1000);
  return `${person.name} <${person.email}> ${seconds} +0000`;
}
