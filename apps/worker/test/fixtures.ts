import type { QuestionFile } from '@interview/contracts';
import type { Db } from '@interview/db';
import { importQuestion, upsertBank } from '@interview/db/queries/bank';
import { createUser, upsertOrganisation } from '@interview/db/queries/orgs';
import { answers, interviewItems, interviews, interviewTemplates } from '@interview/db/schema';
import { loadBank } from '@interview/question-bank';

/** The first question of the shipped bank, so fixtures grade against a real rubric. */
export async function sampleQuestion(): Promise<QuestionFile> {
  const bank = await loadBank();
  const q = bank.questions.find((x) => x.id === 'stuck-terminating-pod') ?? bank.questions[0];
  if (!q) throw new Error('question bank is empty');
  return q;
}

/** An org, a candidate, an interview with one item, and `count` submitted answers on it (one item each). */
export async function createSubmittedAnswers(db: Db, texts: string[]) {
  const question = await sampleQuestion();
  const org = await upsertOrganisation(db, { slug: `org-${crypto.randomUUID().slice(0, 8)}`, name: 'Test Org' });
  const candidate = await createUser(db, { email: `c-${crypto.randomUUID()}@test.local`, name: 'Cand', passwordHash: null });
  const bank = await upsertBank(db, { orgId: null, slug: 'test-bank', name: 'Test bank' });
  const { questionId, rubricVersionId } = await importQuestion(db, { bankId: bank.id, orgId: null, question });
  const [template] = await db
    .insert(interviewTemplates)
    .values({ orgId: org.id, slug: 'tpl', name: 'Template', totalTimeLimitSec: 3600 })
    .returning();
  const [interview] = await db
    .insert(interviews)
    .values({ orgId: org.id, templateId: template!.id, candidateId: candidate.id, mode: 'practice', status: 'in_progress' })
    .returning();
  const out: { answerId: string; rubricVersionId: string }[] = [];
  for (const [position, text] of texts.entries()) {
    const [item] = await db
      .insert(interviewItems)
      .values({ interviewId: interview!.id, position, questionId, rubricVersionId, timeLimitSec: 300, status: 'submitted' })
      .returning();
    const [answer] = await db
      .insert(answers)
      .values({ itemId: item!.id, text, draft: text, status: 'submitted', submittedAt: new Date(Date.now() - 120_000) })
      .returning();
    out.push({ answerId: answer!.id, rubricVersionId });
  }
  return { question, answers: out };
}
