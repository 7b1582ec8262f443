CREATE TABLE "app"."instance_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "app"."sessions" ADD COLUMN "data" jsonb DEFAULT '{}'::jsonb NOT NULL;