import type { InterviewItem } from '@interview/contracts/api';
import { useEffect, useRef } from 'react';
import { InlineText } from '../../../ui/InlineText';
import { ReadAloud } from './ReadAloud';

/** The question's heading (focused when the item starts), its prompt, and a clearly labelled follow-up. */
export function QuestionText({ item, headingId, position }: { item: InterviewItem; headingId: string; position: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const followup = item.kind === 'followup';
  const title = item.question?.title ?? 'Question';
  const readText = (followup ? `Follow-up question. ${item.followupPrompt ?? ''}` : `${title}. ${item.question?.prompt ?? ''}`).replace(
    /[`*]/g,
    '',
  );
  return (
    <>
      <p className="question-position">
        {position}
        {followup && <span className="badge badge-warn">Follow-up</span>}
      </p>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {followup ? `Follow-up: ${title}` : title}
      </h2>
      {followup ? (
        <>
          <div className="followup-prompt">
            <p className="followup-label">Follow-up question</p>
            <p>
              <InlineText text={item.followupPrompt ?? ''} />
            </p>
          </div>
          {item.question && (
            <details>
              <summary>Show the original question</summary>
              <p className="prompt">
                <InlineText text={item.question.prompt} />
              </p>
            </details>
          )}
        </>
      ) : (
        <p className="prompt">
          <InlineText text={item.question?.prompt ?? ''} />
        </p>
      )}
      <div className="row">
        <ReadAloud text={readText} />
      </div>
    </>
  );
}
