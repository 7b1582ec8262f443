CREATE SCHEMA "app";
--> statement-breakpoint
CREATE TYPE "app"."answer_mode" AS ENUM('typed', 'spoken');--> statement-breakpoint
CREATE TYPE "app"."answer_status" AS ENUM('draft', 'submitted', 'transcribing', 'grading', 'graded', 'needs_human_review');--> statement-breakpoint
CREATE TYPE "app"."grade_status" AS ENUM('pending', 'done', 'failed', 'needs_human_review');--> statement-breakpoint
CREATE TYPE "app"."grader_kind" AS ENUM('offline', 'llm');--> statement-breakpoint
CREATE TYPE "app"."interview_mode" AS ENUM('practice', 'assessment');--> statement-breakpoint
CREATE TYPE "app"."interview_status" AS ENUM('scheduled', 'in_progress', 'completed', 'expired', 'cancelled');--> statement-breakpoint
CREATE TYPE "app"."item_kind" AS ENUM('question', 'followup');--> statement-breakpoint
CREATE TYPE "app"."item_status" AS ENUM('pending', 'presented', 'submitted', 'expired');--> statement-breakpoint
CREATE TYPE "app"."member_role" AS ENUM('owner', 'admin', 'reviewer', 'candidate');--> statement-breakpoint
CREATE TYPE "app"."decision_kind" AS ENUM('strong_no', 'no', 'mixed', 'yes', 'strong_yes');--> statement-breakpoint
CREATE TYPE "app"."rubric_version_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TABLE "app"."answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"mode" "app"."answer_mode" DEFAULT 'typed' NOT NULL,
	"draft" text DEFAULT '' NOT NULL,
	"draft_saved_at" timestamp with time zone,
	"draft_revision" integer DEFAULT 0 NOT NULL,
	"text" text,
	"transcript" text,
	"audio" "bytea",
	"audio_mime" text,
	"audio_duration_ms" integer,
	"status" "app"."answer_status" DEFAULT 'draft' NOT NULL,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."question_banks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "question_banks_org_slug_key" UNIQUE NULLS NOT DISTINCT("org_id","slug")
);
--> statement-breakpoint
CREATE TABLE "app"."questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bank_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"prompt" text NOT NULL,
	"difficulty" smallint NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"time_limit_sec" integer NOT NULL,
	"reference_answer" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."grades" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"answer_id" uuid NOT NULL,
	"rubric_version_id" uuid NOT NULL,
	"status" "app"."grade_status" DEFAULT 'pending' NOT NULL,
	"grader" "app"."grader_kind" NOT NULL,
	"model" text,
	"prompt_version" text NOT NULL,
	"total" real,
	"confidence" real,
	"criteria" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"feedback" jsonb DEFAULT '{"strengths":[],"improvements":[],"keyPointsCovered":[],"keyPointsMissed":[]}'::jsonb NOT NULL,
	"flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"prompt_tokens" integer,
	"completion_tokens" integer,
	"cached_tokens" integer,
	"cost_usd" numeric(12, 6),
	"latency_ms" integer,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."interview_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"interview_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"kind" "app"."item_kind" DEFAULT 'question' NOT NULL,
	"parent_item_id" uuid,
	"question_id" uuid NOT NULL,
	"rubric_version_id" uuid NOT NULL,
	"followup_prompt" text,
	"time_limit_sec" integer NOT NULL,
	"status" "app"."item_status" DEFAULT 'pending' NOT NULL,
	"presented_at" timestamp with time zone,
	"deadline_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"auto_submitted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."interview_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"mode" "app"."interview_mode" DEFAULT 'practice' NOT NULL,
	"answer_modes" jsonb DEFAULT '["typed","spoken"]'::jsonb NOT NULL,
	"followups_per_question" smallint DEFAULT 0 NOT NULL,
	"total_time_limit_sec" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interview_templates_org_slug_key" UNIQUE NULLS NOT DISTINCT("org_id","slug")
);
--> statement-breakpoint
CREATE TABLE "app"."interviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"created_by" uuid,
	"mode" "app"."interview_mode" NOT NULL,
	"status" "app"."interview_status" DEFAULT 'scheduled' NOT NULL,
	"started_at" timestamp with time zone,
	"deadline_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"results_released_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."template_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"question_id" uuid NOT NULL,
	"time_limit_sec" integer
);
--> statement-breakpoint
CREATE TABLE "app"."invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" "app"."member_role" NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "app"."memberships" (
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "app"."member_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_org_id_user_id_pk" PRIMARY KEY("org_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "app"."organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "app"."sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"org_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sessions_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "app"."users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" uuid,
	"actor_id" uuid,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"interview_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"decision" "app"."decision_kind" NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."score_overrides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grade_id" uuid NOT NULL,
	"criterion_key" text NOT NULL,
	"ai_score" smallint,
	"score" smallint NOT NULL,
	"reason" text NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."calibration_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rubric_id" uuid NOT NULL,
	"answer" text NOT NULL,
	"expected_scores" jsonb NOT NULL,
	"expected_total" smallint,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."rubric_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rubric_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" "app"."rubric_version_status" DEFAULT 'draft' NOT NULL,
	"definition" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"created_by" uuid,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."rubrics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid,
	"question_id" uuid NOT NULL,
	"name" text NOT NULL,
	"forked_from_version_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rubrics_org_question_name_key" UNIQUE NULLS NOT DISTINCT("org_id","question_id","name")
);
--> statement-breakpoint
ALTER TABLE "app"."answers" ADD CONSTRAINT "answers_item_id_interview_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "app"."interview_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."question_banks" ADD CONSTRAINT "question_banks_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "app"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."questions" ADD CONSTRAINT "questions_bank_id_question_banks_id_fk" FOREIGN KEY ("bank_id") REFERENCES "app"."question_banks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."grades" ADD CONSTRAINT "grades_answer_id_answers_id_fk" FOREIGN KEY ("answer_id") REFERENCES "app"."answers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."grades" ADD CONSTRAINT "grades_rubric_version_id_rubric_versions_id_fk" FOREIGN KEY ("rubric_version_id") REFERENCES "app"."rubric_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."interview_items" ADD CONSTRAINT "interview_items_interview_id_interviews_id_fk" FOREIGN KEY ("interview_id") REFERENCES "app"."interviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."interview_items" ADD CONSTRAINT "interview_items_parent_item_id_interview_items_id_fk" FOREIGN KEY ("parent_item_id") REFERENCES "app"."interview_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."interview_items" ADD CONSTRAINT "interview_items_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "app"."questions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."interview_items" ADD CONSTRAINT "interview_items_rubric_version_id_rubric_versions_id_fk" FOREIGN KEY ("rubric_version_id") REFERENCES "app"."rubric_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."interview_templates" ADD CONSTRAINT "interview_templates_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "app"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."interviews" ADD CONSTRAINT "interviews_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "app"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."interviews" ADD CONSTRAINT "interviews_template_id_interview_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "app"."interview_templates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."interviews" ADD CONSTRAINT "interviews_candidate_id_users_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "app"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."interviews" ADD CONSTRAINT "interviews_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "app"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."template_questions" ADD CONSTRAINT "template_questions_template_id_interview_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "app"."interview_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."template_questions" ADD CONSTRAINT "template_questions_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "app"."questions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."invitations" ADD CONSTRAINT "invitations_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "app"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "app"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."invitations" ADD CONSTRAINT "invitations_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "app"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."memberships" ADD CONSTRAINT "memberships_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "app"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "app"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "app"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."sessions" ADD CONSTRAINT "sessions_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "app"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."audit_log" ADD CONSTRAINT "audit_log_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "app"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "app"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."decisions" ADD CONSTRAINT "decisions_interview_id_interviews_id_fk" FOREIGN KEY ("interview_id") REFERENCES "app"."interviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."decisions" ADD CONSTRAINT "decisions_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "app"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."score_overrides" ADD CONSTRAINT "score_overrides_grade_id_grades_id_fk" FOREIGN KEY ("grade_id") REFERENCES "app"."grades"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."score_overrides" ADD CONSTRAINT "score_overrides_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "app"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."calibration_answers" ADD CONSTRAINT "calibration_answers_rubric_id_rubrics_id_fk" FOREIGN KEY ("rubric_id") REFERENCES "app"."rubrics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."calibration_answers" ADD CONSTRAINT "calibration_answers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "app"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."rubric_versions" ADD CONSTRAINT "rubric_versions_rubric_id_rubrics_id_fk" FOREIGN KEY ("rubric_id") REFERENCES "app"."rubrics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."rubric_versions" ADD CONSTRAINT "rubric_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "app"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."rubrics" ADD CONSTRAINT "rubrics_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "app"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."rubrics" ADD CONSTRAINT "rubrics_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "app"."questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."rubrics" ADD CONSTRAINT "rubrics_forked_from_version_id_rubric_versions_id_fk" FOREIGN KEY ("forked_from_version_id") REFERENCES "app"."rubric_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "answers_item_idx" ON "app"."answers" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "answers_status_idx" ON "app"."answers" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "questions_bank_slug_idx" ON "app"."questions" USING btree ("bank_id","slug");--> statement-breakpoint
CREATE INDEX "questions_category_idx" ON "app"."questions" USING btree ("category");--> statement-breakpoint
CREATE UNIQUE INDEX "grades_answer_rubric_version_idx" ON "app"."grades" USING btree ("answer_id","rubric_version_id");--> statement-breakpoint
CREATE INDEX "grades_status_idx" ON "app"."grades" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "interview_items_position_idx" ON "app"."interview_items" USING btree ("interview_id","position");--> statement-breakpoint
CREATE INDEX "interview_items_parent_idx" ON "app"."interview_items" USING btree ("parent_item_id");--> statement-breakpoint
CREATE INDEX "interviews_org_status_idx" ON "app"."interviews" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "interviews_candidate_idx" ON "app"."interviews" USING btree ("candidate_id");--> statement-breakpoint
CREATE INDEX "interviews_template_idx" ON "app"."interviews" USING btree ("template_id");--> statement-breakpoint
CREATE UNIQUE INDEX "template_questions_position_idx" ON "app"."template_questions" USING btree ("template_id","position");--> statement-breakpoint
CREATE INDEX "invitations_org_idx" ON "app"."invitations" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "memberships_user_idx" ON "app"."memberships" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "app"."sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_idx" ON "app"."users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "audit_log_org_created_idx" ON "app"."audit_log" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "decisions_interview_reviewer_idx" ON "app"."decisions" USING btree ("interview_id","reviewer_id");--> statement-breakpoint
CREATE INDEX "score_overrides_grade_idx" ON "app"."score_overrides" USING btree ("grade_id");--> statement-breakpoint
CREATE INDEX "calibration_answers_rubric_idx" ON "app"."calibration_answers" USING btree ("rubric_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rubric_versions_rubric_version_idx" ON "app"."rubric_versions" USING btree ("rubric_id","version");