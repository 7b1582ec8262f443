import type {
  Agreement,
  Comparison,
  CreatedInvitation as CreatedInvitationSchema,
  DecisionKind,
  DecisionRecord,
  InterviewResults as InterviewResultsSchema,
  InterviewState,
  InterviewSummary,
  Invitation as InvitationSchema,
  Member as MemberSchema,
  OverrideResult as OverrideResultSchema,
  ReleaseResult as ReleaseResultSchema,
  TemplateSummary as TemplateSummarySchema,
  Transcript,
} from '@interview/contracts/api';

/**
 * Response types of the reviewer API. Contracts without an exported type are read from their
 * schema's output type, so nothing here can drift from the server and no zod reaches the bundle.
 */
export type TemplateSummary = (typeof TemplateSummarySchema)['_output'];
export type Member = (typeof MemberSchema)['_output'];
export type Invitation = (typeof InvitationSchema)['_output'];
export type CreatedInvitation = (typeof CreatedInvitationSchema)['_output'];
export type OverrideResult = (typeof OverrideResultSchema)['_output'];
export type ReleaseResult = (typeof ReleaseResultSchema)['_output'];
export type InterviewResults = (typeof InterviewResultsSchema)['_output'];

export type TranscriptQuestion = Transcript['questions'][number];
export type TranscriptItem = TranscriptQuestion['followups'][number];
export type TranscriptGrade = NonNullable<TranscriptQuestion['grade']>;
export type TranscriptCriterion = TranscriptGrade['criteria'][number];
export type GradeFlag = TranscriptGrade['flags'][number];
export type InterviewStatus = InterviewSummary['status'];
export type ReportRow = Comparison['candidates'][number];
export type AgreementRow = Agreement['rubrics'][number];
export type AgreementStats = Agreement['overall'];

export type { Agreement, Comparison, DecisionKind, DecisionRecord, InterviewState, InterviewSummary, Transcript };
