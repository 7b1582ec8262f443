import type { RubricDetail, RubricDiff, RubricPage, RubricVersionDetail } from '@interview/contracts/api';
import { RubricDefinition } from '@interview/contracts/rubric';
import type { Db } from '@interview/db';
import { recordAudit } from '@interview/db/queries/audit';
import { rubricContentHash } from '@interview/db/queries/bank';
import {
  draftVersion,
  getVisibleRubric,
  getVisibleVersion,
  insertForkedRubric,
  latestPublishedVersion,
  listVersionSummaries,
  listVisibleRubrics,
  publishDraftVersion,
  type RubricVersionRow,
  rubricNamesInUse,
  saveDraftVersion,
} from '@interview/db/queries/rubrics';
import { getVisibleQuestion } from '@interview/db/queries/templates';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import type { Principal } from '../../plugins/app/auth-guard';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from './pg-error';
import { diffRubricDefinitions } from './rubric-diff';
import { toRubricDetail, toRubricSummary, toVersionDetail, toVersionRef } from './rubric-views';

/** A free name for a fork: the source's name, else "name (copy)", "name (copy 2)", … */
function forkName(base: string, taken: Set<string>) {
  if (!taken.has(base)) return base;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base} (copy)` : `${base} (copy ${n})`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Rubrics and their versions. Built-in rubrics are readable by every organisation and writable by
 * none; another organisation's rubric is indistinguishable from a missing one (404).
 */
export function createRubricService(deps: { db: Db }) {
  const { db } = deps;

  async function visible(me: Principal, rubricId: string) {
    const found = await getVisibleRubric(db, { rubricId, orgId: me.orgId });
    if (!found) throw new NotFoundError('Rubric');
    return found;
  }

  async function writable(me: Principal, rubricId: string) {
    const found = await visible(me, rubricId);
    if (found.rubric.orgId === null)
      throw new ForbiddenError('Built-in rubrics are read-only; fork one to customise it', 'builtin_read_only');
    return found;
  }

  async function visibleVersion(me: Principal, versionId: string) {
    const found = await getVisibleVersion(db, { versionId, orgId: me.orgId });
    if (!found) throw new NotFoundError('Rubric version');
    return found;
  }

  async function detail(me: Principal, rubricId: string): Promise<RubricDetail> {
    const { rubric, question } = await visible(me, rubricId);
    return toRubricDetail(rubric, question, await listVersionSummaries(db, { rubricIds: [rubric.id] }));
  }

  const audit = (me: Principal, action: string, rubricId: string, data: Record<string, unknown>) =>
    recordAudit(db, { orgId: me.orgId, actorId: me.userId, action, targetType: 'rubric', targetId: rubricId, data });

  /** The version `to` is compared with when the caller names none. */
  async function defaultBase(to: RubricVersionRow, forkedFromVersionId: string | null) {
    const previous = await latestPublishedVersion(db, {
      rubricId: to.rubricId,
      belowVersion: to.status === 'published' ? to.version : undefined,
    });
    if (previous && previous.id !== to.id) return previous;
    return forkedFromVersionId;
  }

  return {
    visible,
    writable,
    visibleVersion,
    detail,

    async list(me: Principal, query: { questionId?: string; limit: number; offset: number }): Promise<RubricPage> {
      if (query.questionId && !(await getVisibleQuestion(db, { questionId: query.questionId, orgId: me.orgId })))
        throw new NotFoundError('Question');
      const { rows, total } = await listVisibleRubrics(db, { orgId: me.orgId, ...query });
      const versions = await listVersionSummaries(db, { rubricIds: rows.map((r) => r.rubric.id) });
      return {
        items: rows.map((r) =>
          toRubricSummary(
            r.rubric,
            r.question,
            versions.filter((v) => v.rubricId === r.rubric.id),
          ),
        ),
        total,
      };
    },

    async version(me: Principal, rubricId: string, versionId: string): Promise<RubricVersionDetail> {
      await visible(me, rubricId);
      const found = await visibleVersion(me, versionId);
      if (found.version.rubricId !== rubricId) throw new NotFoundError('Rubric version');
      return toVersionDetail(found.version);
    },

    /** An org rubric for the same question whose draft copies the source's latest published version. */
    async fork(me: Principal, rubricId: string, body: { name?: string }): Promise<RubricDetail> {
      const { rubric: source } = await visible(me, rubricId);
      const from = await latestPublishedVersion(db, { rubricId: source.id });
      if (!from) throw new ConflictError('no_published_version', 'This rubric has no published version to fork');
      const taken = await rubricNamesInUse(db, { orgId: me.orgId, questionId: source.questionId });
      if (body.name && taken.has(body.name))
        throw new ConflictError('name_taken', `Your organisation already has a rubric named "${body.name}" for this question`);
      const name = body.name ?? forkName(source.name, taken);
      const definition = RubricDefinition.parse(from.definition);
      let created: Awaited<ReturnType<typeof insertForkedRubric>>;
      try {
        created = await insertForkedRubric(db, {
          orgId: me.orgId,
          questionId: source.questionId,
          name,
          source: { id: from.id, definition, contentHash: rubricContentHash(definition) },
          createdBy: me.userId,
        });
      } catch (err) {
        if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) throw new ConflictError('name_taken', `A rubric named "${name}" was just created`);
        throw err;
      }
      await audit(me, 'rubric.fork', created.rubric.id, { fromRubricId: source.id, fromVersionId: from.id, name });
      return detail(me, created.rubric.id);
    },

    async saveDraft(me: Principal, rubricId: string, definition: RubricDefinition): Promise<RubricVersionDetail> {
      await writable(me, rubricId);
      const { version } = await saveDraftVersion(db, {
        rubricId,
        definition,
        contentHash: rubricContentHash(definition),
        createdBy: me.userId,
      });
      return toVersionDetail(version);
    },

    async publish(me: Principal, rubricId: string): Promise<RubricVersionDetail> {
      await writable(me, rubricId);
      const result = await publishDraftVersion(db, { rubricId });
      if (result.outcome === 'no_draft') throw new ConflictError('no_draft', 'There is no draft to publish');
      if (result.outcome === 'unchanged')
        throw new ConflictError('unchanged', `The draft is identical to published version ${result.latest.version}`);
      const v = result.version;
      await audit(me, 'rubric.publish', rubricId, { versionId: v.id, version: v.version, contentHash: v.contentHash });
      return toVersionDetail(v);
    },

    async diff(me: Principal, rubricId: string, query: { from?: string; to?: string }): Promise<RubricDiff> {
      const { rubric } = await visible(me, rubricId);
      const to = query.to
        ? (await visibleVersion(me, query.to)).version
        : ((await draftVersion(db, { rubricId })) ?? (await latestPublishedVersion(db, { rubricId })));
      if (!to) throw new ConflictError('nothing_to_compare', 'This rubric has no versions yet');
      const fromId = query.from ?? (await defaultBase(to, rubric.forkedFromVersionId));
      if (!fromId) throw new ConflictError('nothing_to_compare', 'There is no earlier version to compare with; pass `from`');
      const from = typeof fromId === 'string' ? (await visibleVersion(me, fromId)).version : fromId;
      return {
        from: toVersionRef(from),
        to: toVersionRef(to),
        ...diffRubricDefinitions(RubricDefinition.parse(from.definition), RubricDefinition.parse(to.definition)),
      };
    },
  };
}

export type RubricService = ReturnType<typeof createRubricService>;
