import type { TemplateBody, TemplateDetail, TemplateSummary as TemplateSummarySchema } from '@interview/contracts/api';
import type { Db } from '@interview/db';
import { recordAudit } from '@interview/db/queries/audit';
import {
  countInterviewsUsingTemplate,
  deleteOrgTemplate,
  getVisibleTemplate,
  listTemplateQuestionDetails,
  listVisibleTemplates,
  saveOrgTemplate,
  type TemplateRow,
  templateSlugTaken,
  visibleQuestionIds,
} from '@interview/db/queries/templates';
import type { z } from 'zod';
import { AppError, ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import type { Principal } from '../../plugins/app/auth-guard';
import { PG_FOREIGN_KEY_VIOLATION, PG_UNIQUE_VIOLATION, pgErrorCode } from '../rubrics/pg-error';

type TemplateSummary = z.infer<typeof TemplateSummarySchema>;

export function toTemplateSummary(t: TemplateRow, questionCount: number): TemplateSummary {
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    description: t.description,
    mode: t.mode,
    answerModes: t.answerModes,
    followupsPerQuestion: t.followupsPerQuestion,
    totalTimeLimitSec: t.totalTimeLimitSec,
    questionCount,
    builtIn: t.orgId === null,
  };
}

/** Interview templates: built-in ones are shared and read-only, an organisation edits its own. */
export function createTemplateService(deps: { db: Db }) {
  const { db } = deps;

  async function detail(t: TemplateRow): Promise<TemplateDetail> {
    const questions = await listTemplateQuestionDetails(db, { templateId: t.id });
    return {
      ...toTemplateSummary(t, questions.length),
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
      questions,
    };
  }

  async function visible(me: Principal, templateId: string) {
    const t = await getVisibleTemplate(db, { templateId, orgId: me.orgId });
    if (!t) throw new NotFoundError('Template');
    return t;
  }

  async function writable(me: Principal, templateId: string) {
    const t = await visible(me, templateId);
    if (t.orgId === null) throw new ForbiddenError('Built-in templates are read-only; create your own instead', 'builtin_read_only');
    return t;
  }

  /** Every question must be one the organisation can see; other organisations' ids answer 404. */
  async function checkBody(me: Principal, body: TemplateBody, exceptId?: string) {
    const ids = body.questions.map((q) => q.questionId);
    const seen = await visibleQuestionIds(db, { questionIds: ids, orgId: me.orgId });
    const missing = ids.filter((id) => !seen.has(id));
    if (missing.length > 0) throw new AppError(404, 'not_found', 'Question not found', { questionIds: missing });
    if (await templateSlugTaken(db, { orgId: me.orgId, slug: body.slug, exceptId }))
      throw new ConflictError('slug_taken', `A template with slug "${body.slug}" already exists`);
  }

  async function save(me: Principal, body: TemplateBody, templateId?: string) {
    const { questions, ...fields } = body;
    try {
      return await saveOrgTemplate(db, { orgId: me.orgId, templateId, fields, questions });
    } catch (err) {
      // Two writers racing for one slug: the unique key decides, the loser gets the same 409.
      if (pgErrorCode(err) === PG_UNIQUE_VIOLATION)
        throw new ConflictError('slug_taken', `A template with slug "${body.slug}" already exists`);
      throw err;
    }
  }

  return {
    async list(me: Principal): Promise<TemplateSummary[]> {
      const rows = await listVisibleTemplates(db, { orgId: me.orgId });
      return rows.map((r) => toTemplateSummary(r.template, r.questionCount));
    },

    async get(me: Principal, templateId: string) {
      return detail(await visible(me, templateId));
    },

    async create(me: Principal, body: TemplateBody) {
      await checkBody(me, body);
      const { templateId } = await save(me, body);
      await recordAudit(db, {
        orgId: me.orgId,
        actorId: me.userId,
        action: 'template.create',
        targetType: 'template',
        targetId: templateId,
        data: { slug: body.slug, questions: body.questions.length },
      });
      return detail(await visible(me, templateId));
    },

    async update(me: Principal, templateId: string, body: TemplateBody) {
      const before = await writable(me, templateId);
      await checkBody(me, body, templateId);
      await save(me, body, templateId);
      await recordAudit(db, {
        orgId: me.orgId,
        actorId: me.userId,
        action: 'template.update',
        targetType: 'template',
        targetId: templateId,
        data: { slug: body.slug, previousSlug: before.slug, questions: body.questions.length },
      });
      return detail(await visible(me, templateId));
    },

    async remove(me: Principal, templateId: string) {
      const t = await writable(me, templateId);
      const inUse = await countInterviewsUsingTemplate(db, { templateId });
      if (inUse > 0) throw new ConflictError('template_in_use', `${inUse} interview(s) use this template; it cannot be deleted`);
      try {
        if (!(await deleteOrgTemplate(db, { templateId, orgId: me.orgId }))) throw new NotFoundError('Template');
      } catch (err) {
        // An interview created since the check holds the template through its foreign key.
        if (pgErrorCode(err) === PG_FOREIGN_KEY_VIOLATION)
          throw new ConflictError('template_in_use', 'Interviews use this template; it cannot be deleted');
        throw err;
      }
      await recordAudit(db, {
        orgId: me.orgId,
        actorId: me.userId,
        action: 'template.delete',
        targetType: 'template',
        targetId: templateId,
        data: { slug: t.slug },
      });
    },
  };
}

export type TemplateService = ReturnType<typeof createTemplateService>;
