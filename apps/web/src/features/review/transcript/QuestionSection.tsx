import { useMemo, useState } from 'react';
import { formatTotal } from '../format';
import type { InterviewResults, TranscriptItem, TranscriptQuestion } from '../types';
import { AnswerText, type CriterionRef } from './AnswerText';
import { CriterionCard } from './CriterionCard';
import { composeGradedText, placeEvidence, shownBounds } from './evidence';
import { GradeMeta } from './GradeMeta';

type ResultQuestion = InterviewResults['questions'][number];

const ANSWER_STATUS: Record<NonNullable<TranscriptItem['answer']>['status'], string> = {
  draft: 'Draft (not submitted)',
  submitted: 'Submitted, waiting to be graded',
  transcribing: 'Transcribing the recording',
  grading: 'Grading',
  graded: 'Graded',
  needs_human_review: 'Needs human review',
};

function AnswerFacts({ item }: { item: TranscriptItem }) {
  const a = item.answer;
  if (!a) return null;
  const facts = [
    a.mode === 'spoken'
      ? `Spoken${a.audioDurationMs ? ` (${Math.round(a.audioDurationMs / 1000)} s), transcribed` : ', transcribed'}`
      : 'Typed',
    ANSWER_STATUS[a.status],
  ];
  if (item.autoSubmitted) facts.push('submitted automatically at the time limit');
  return <p className="muted small">{facts.join(' · ')}</p>;
}

/** One question: the answer with evidence highlighted beside the per-criterion scores and override forms. */
export function QuestionSection(props: { question: TranscriptQuestion; number: number; texts: ResultQuestion | undefined }) {
  const { question: q, number, texts } = props;
  const [selected, setSelected] = useState<string | null>(null);
  const grade = q.grade;
  const prefix = `q${number}`;
  const criterionAnchor = (key: string) => `${prefix}-crit-${key}`;

  const layout = useMemo(() => {
    const { text, segments } = composeGradedText(q, q.followups);
    const { placed, missing } = placeEvidence(text, grade?.criteria ?? [], `${prefix}-ev`);
    return { segments, placed, missing, bounds: shownBounds(segments, placed) };
  }, [q, grade, prefix]);

  const refs = new Map<string, CriterionRef>((grade?.criteria ?? []).map((c, i) => [c.key, { key: c.key, number: i + 1, title: c.title }]));
  const keyPointText = (id: string) => texts?.grade?.keyPointTexts?.[id] ?? id;
  const levelOf = (key: string) => texts?.grade?.criteria.find((c) => c.key === key)?.levelDescriptor;
  const selectedRef = selected ? refs.get(selected) : undefined;
  const selectedCount = layout.placed.filter((h) => h.criterionKey === selected).length;

  const answerProps = {
    highlights: layout.placed,
    bounds: layout.bounds,
    criteria: refs,
    selected,
    onSelect: setSelected,
    criterionAnchor,
  };
  const mainSegment = layout.segments.find((s) => s.role === 'answer');
  const titleId = `${prefix}-title`;

  return (
    <section aria-labelledby={titleId} className="card question">
      <header className="question-head">
        <h2 id={titleId}>
          Question {number}: {q.question.title}
        </h2>
        <p className="question-total">
          {grade ? (
            <>
              Total <strong>{formatTotal(grade.total)}</strong> / 100
              {grade.aiTotal !== grade.total && <span className="muted"> (AI {formatTotal(grade.aiTotal)})</span>}
            </>
          ) : (
            <span className="muted">Not graded yet</span>
          )}
        </p>
      </header>
      <p className="muted small">
        {q.question.category} · time limit {Math.round(q.timeLimitSec / 60)} min
      </p>
      <div className="question-body">
        <div className="question-answer">
          <h3>Question</h3>
          <p className="prompt">{q.prompt}</p>
          <h3>Answer</h3>
          <AnswerFacts item={q} />
          {mainSegment && mainSegment.text !== '' ? (
            <AnswerText segment={mainSegment} className="answer-text" {...answerProps} />
          ) : (
            <p className="answer-text muted">
              {q.answer ? 'Empty answer.' : q.status === 'expired' ? 'No answer before the time limit.' : 'No answer yet.'}
            </p>
          )}
          {q.followups.map((f, i) => {
            const prompt = layout.segments.find((s) => s.itemId === f.id && s.role === 'followup-prompt');
            const answer = layout.segments.find((s) => s.itemId === f.id && s.role === 'followup-answer');
            return (
              <div key={f.id} className="followup">
                <h4>Follow-up {i + 1}</h4>
                {prompt ? <AnswerText segment={prompt} className="prompt" {...answerProps} /> : <p className="prompt">{f.prompt}</p>}
                <AnswerFacts item={f} />
                {answer && answer.text !== '' ? (
                  <AnswerText segment={answer} className="answer-text" {...answerProps} />
                ) : (
                  <p className="answer-text muted">No answer.</p>
                )}
              </div>
            );
          })}
          <p className="muted small no-print" aria-live="polite">
            {selectedRef
              ? `Highlighting ${selectedCount} ${selectedCount === 1 ? 'quote' : 'quotes'} for C${selectedRef.number} ${selectedRef.title}.`
              : ''}
          </p>
          {grade && (grade.strengths.length > 0 || grade.improvements.length > 0) && (
            <div className="feedback">
              {grade.strengths.length > 0 && (
                <>
                  <h3>Strengths</h3>
                  <ul>
                    {grade.strengths.map((s) => (
                      <li key={s}>{s}</li>
                    ))}
                  </ul>
                </>
              )}
              {grade.improvements.length > 0 && (
                <>
                  <h3>Advice for the candidate</h3>
                  <ul>
                    {grade.improvements.map((s) => (
                      <li key={s}>{s}</li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          )}
        </div>
        <div className="question-scores">
          <h3>Scores by criterion</h3>
          {grade ? (
            <>
              <GradeMeta grade={grade} />
              {grade.criteria.map((c, i) => (
                <CriterionCard
                  key={c.key}
                  anchor={criterionAnchor(c.key)}
                  number={i + 1}
                  gradeId={grade.id}
                  criterion={c}
                  criteria={grade.criteria}
                  highlights={layout.placed.filter((h) => h.criterionKey === c.key)}
                  missing={layout.missing.filter((m) => m.criterionKey === c.key).map((m) => m.quote)}
                  levelDescriptor={levelOf(c.key)}
                  keyPointText={keyPointText}
                  selected={selected === c.key}
                  onSelect={setSelected}
                />
              ))}
            </>
          ) : (
            <p className="muted">
              {q.answer
                ? 'The answer is waiting for its grade; this page refreshes on its own.'
                : 'Nothing to grade: no answer was submitted.'}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
