import type { ReactNode } from 'react';
import { Page } from '../../ui/page';
import { ReviewNav } from './ReviewNav';
import './review.css';

/** A reviewer screen: the shared page frame, the review sub-navigation, and the `.review` style scope. */
export function ReviewPage(props: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Page title={props.title} actions={props.actions} wide>
      <div className="review">
        <ReviewNav />
        {props.children}
      </div>
    </Page>
  );
}
