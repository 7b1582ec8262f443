/**
 * Many started interviews at once, written with SQL where creating them is not what a benchmark
 * measures. Leaves exactly what POST /practice + /start would: the interview in progress with its
 * overall deadline, every item pinned to the latest published rubric version, the first one
 * presented (with its deadline and an empty draft answer), the rest pending. No deadline jobs are
 * queued: the deadlines are hours away, and the API's overdue sweep is the safety net anyway.
 */
type Sql = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

const POSITION_STEP = 10;
const GRACE_SEC = 5;

export interface BulkInterview {
  id: string;
  /** Item ids in the order they are presented. */
  itemIds: string[];
}

export async function bulkStartInterviews(
  sql: Sql,
  opts: { orgId: string; candidateId: string; templateId: string; count: number; batch?: number },
): Promise<BulkInterview[]> {
  const questions = await sql<{ question_id: string; limit_sec: number; rubric_version_id: string | null }>(
    `select tq.question_id, coalesce(tq.time_limit_sec, q.time_limit_sec) as limit_sec,
            (select v.id from app.rubric_versions v join app.rubrics r on r.id = v.rubric_id
              where r.question_id = tq.question_id and v.status = 'published' and (r.org_id is null or r.org_id = $2)
              order by (r.org_id is not null) desc, v.created_at desc, v.version desc limit 1) as rubric_version_id
       from app.template_questions tq join app.questions q on q.id = tq.question_id
      where tq.template_id = $1 order by tq.position`,
    [opts.templateId, opts.orgId],
  );
  if (questions.length === 0 || questions.some((q) => !q.rubric_version_id))
    throw new Error('template has no questions or unpublished rubrics');
  const [template] = await sql<{ total: number }>('select total_time_limit_sec as total from app.interview_templates where id = $1', [
    opts.templateId,
  ]);
  const out: BulkInterview[] = [];
  const batch = opts.batch ?? 500;
  for (let done = 0; done < opts.count; done += batch) {
    const n = Math.min(batch, opts.count - done);
    const ivs = await sql<{ id: string }>(
      `insert into app.interviews (org_id, template_id, candidate_id, created_by, mode, status, started_at, deadline_at)
       select $1, $2, $3, $3, 'practice', 'in_progress', now(), now() + make_interval(secs => $4)
         from generate_series(1, $5) returning id`,
      [opts.orgId, opts.templateId, opts.candidateId, template!.total + GRACE_SEC, n],
    );
    const cols = {
      interview: [] as string[],
      position: [] as number[],
      question: [] as string[],
      rubric: [] as string[],
      limit: [] as number[],
    };
    for (const iv of ivs) {
      questions.forEach((q, i) => {
        cols.interview.push(iv.id);
        cols.position.push(i * POSITION_STEP);
        cols.question.push(q.question_id);
        cols.rubric.push(q.rubric_version_id!);
        cols.limit.push(q.limit_sec);
      });
    }
    const items = await sql<{ id: string; interview_id: string; position: number }>(
      `insert into app.interview_items (interview_id, position, question_id, rubric_version_id, time_limit_sec, status, presented_at, deadline_at)
       select t.iv, t.pos, t.q, t.rv, t.lim,
              (case when t.pos = 0 then 'presented' else 'pending' end)::app.item_status,
              case when t.pos = 0 then now() end,
              case when t.pos = 0 then least(now() + make_interval(secs => t.lim + $6), i.deadline_at) end
         from unnest($1::uuid[], $2::int[], $3::uuid[], $4::uuid[], $5::int[]) as t(iv, pos, q, rv, lim)
         join app.interviews i on i.id = t.iv
       returning id, interview_id, position`,
      [cols.interview, cols.position, cols.question, cols.rubric, cols.limit, GRACE_SEC],
    );
    const firstItems = items.filter((i) => i.position === 0).map((i) => i.id);
    await sql('insert into app.answers (item_id) select unnest($1::uuid[])', [firstItems]);
    const byInterview = new Map<string, { id: string; position: number }[]>();
    for (const it of items) {
      const list = byInterview.get(it.interview_id) ?? [];
      list.push(it);
      byInterview.set(it.interview_id, list);
    }
    for (const iv of ivs) {
      const list = (byInterview.get(iv.id) ?? []).sort((a, b) => a.position - b.position);
      out.push({ id: iv.id, itemIds: list.map((i) => i.id) });
    }
  }
  return out;
}
