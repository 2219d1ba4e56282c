import { z } from "zod";
import type { Work } from "./work.js";

/**
 * A Work as it must look when it comes back from outside this process (the embedded backend's
 * journal on disk): every field the worker reads, typed. Unknown fields are dropped, so a
 * forged `repo` on app-wide work cannot change its key. A field added to a Work type must be
 * added here too, or a resumed job loses it (a required one fails the `satisfies` below).
 */
const name = z.string().min(1);
const repoWork = { installationId: z.number().int().positive(), owner: name, repo: name };
const ownerKind = z.enum(["User", "Organization"]);
const pushCommit = z.object({
  added: z.array(z.string()).optional(),
  modified: z.array(z.string()).optional(),
  removed: z.array(z.string()).optional(),
});

export const workSchema = z.union([
  z.object({
    kind: z.literal("sync"),
    ...repoWork,
    branch: z.string().nullable(),
    commits: z.array(pushCommit).nullable(),
    after: z.string().optional(),
    defaultBranch: z.string().optional(),
    htmlUrl: z.string().optional(),
    ownerKind: ownerKind.optional(),
  }),
  z.object({ kind: z.literal("write-back"), ...repoWork, issues: z.array(z.number().int().positive()) }),
  z.object({
    kind: z.literal("preview"),
    ...repoWork,
    pull: z.object({
      number: z.number().int().positive(),
      headSha: z.string(),
      baseRef: z.string(),
      fork: z.boolean().optional(),
    }),
    defaultBranch: z.string(),
    htmlUrl: z.string(),
    ownerKind: ownerKind.optional(),
  }),
  z.object({ kind: z.enum(["redeliver", "reconcile"]), lookbackMs: z.number().nonnegative().optional() }),
]) satisfies z.ZodType<Work>;
