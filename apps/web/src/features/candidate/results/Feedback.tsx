import type { QuestionGrade } from '../types';
import { keyPointText } from './labels';

function List({ title, items, empty }: { title: string; items: string[]; empty?: string }) {
  if (items.length === 0 && !empty) return null;
  return (
    <div>
      <h4>{title}</h4>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul>
          {items.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Talking points covered and missed (as texts), strengths and what to improve. */
export function Feedback({ grade }: { grade: QuestionGrade }) {
  const unique = (ids: string[]) => [...new Set(ids)].map((id) => keyPointText(grade, id));
  return (
    <div className="feedback grid">
      <List title="Talking points you covered" items={unique(grade.keyPointsCovered)} empty="None of the key points were clearly made." />
      <List title="Talking points to add next time" items={unique(grade.keyPointsMissed)} empty="You covered every key point." />
      <List title="Strengths" items={grade.strengths} />
      <List title="How to improve" items={grade.improvements} />
    </div>
  );
}
