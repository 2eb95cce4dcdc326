CREATE TABLE "matcher"."allow_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"work_id" integer,
	"mark_id" integer,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "allow_rules_subject_check" CHECK (num_nonnulls("matcher"."allow_rules"."work_id", "matcher"."allow_rules"."mark_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "api"."calendar_days" (
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api"."case_findings" (
	"case_id" integer NOT NULL,
	"finding_id" integer NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_findings_case_id_finding_id_pk" PRIMARY KEY("case_id","finding_id")
);
--> statement-breakpoint
CREATE TABLE "api"."cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"grouped_by" text DEFAULT 'manual' NOT NULL,
	"group_key" text,
	"status" text DEFAULT 'open' NOT NULL,
	"outcome" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "api"."notice_listings" (
	"notice_id" integer NOT NULL,
	"listing_id" integer NOT NULL,
	"finding_id" integer,
	"last_checked_at" timestamp with time zone,
	"last_result" text,
	"removed_at" timestamp with time zone,
	"last_run_id" integer,
	"last_evidence_id" integer,
	"last_detail" text,
	CONSTRAINT "notice_listings_notice_id_listing_id_pk" PRIMARY KEY("notice_id","listing_id")
);
--> statement-breakpoint
CREATE TABLE "api"."notices" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"basis" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"recipient" text NOT NULL,
	"recipient_contact" text,
	"issuing_authority" text,
	"signatory" text,
	"reference" text,
	"body" text,
	"sent_at" timestamp with time zone,
	"received_at" timestamp with time zone,
	"deadlines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"requester" text,
	"objected_at" timestamp with time zone,
	"restored_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api"."digest_items" (
	"user_id" integer NOT NULL,
	"kind" text NOT NULL,
	"item_key" text NOT NULL,
	"mail_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digest_items_user_id_kind_item_key_pk" PRIMARY KEY("user_id","kind","item_key")
);
--> statement-breakpoint
CREATE TABLE "api"."mail_outbox" (
	"id" serial PRIMARY KEY NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"message_id" text
);
--> statement-breakpoint
CREATE TABLE "api"."finding_comments" (
	"id" serial PRIMARY KEY NOT NULL,
	"finding_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api"."seller_indexed" (
	"listing_id" integer PRIMARY KEY NOT NULL,
	"content_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api"."seller_keys" (
	"listing_id" integer NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"content_hash" text NOT NULL,
	CONSTRAINT "seller_keys_listing_id_kind_value_pk" PRIMARY KEY("listing_id","kind","value")
);
--> statement-breakpoint
ALTER TABLE "crawler"."evidence" ADD COLUMN "manifest_key" text;--> statement-breakpoint
ALTER TABLE "crawler"."evidence" ADD COLUMN "manifest_sha256" text;--> statement-breakpoint
ALTER TABLE "crawler"."listings" ADD COLUMN "seller_phone" text;--> statement-breakpoint
ALTER TABLE "crawler"."listings" ADD COLUMN "seller_address" text;--> statement-breakpoint
ALTER TABLE "matcher"."findings" ADD COLUMN "assignee_id" integer;--> statement-breakpoint
ALTER TABLE "matcher"."findings" ADD COLUMN "content_hash" text;--> statement-breakpoint
ALTER TABLE "matcher"."findings" ADD COLUMN "dismissed_content_hash" text;--> statement-breakpoint
ALTER TABLE "matcher"."findings" ADD COLUMN "dismiss_reason" text;--> statement-breakpoint
ALTER TABLE "matcher"."findings" ADD COLUMN "allow_rule_id" integer;--> statement-breakpoint
ALTER TABLE "api"."case_findings" ADD CONSTRAINT "case_findings_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "api"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api"."notice_listings" ADD CONSTRAINT "notice_listings_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "api"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api"."notices" ADD CONSTRAINT "notices_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "api"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api"."finding_comments" ADD CONSTRAINT "finding_comments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "api"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "allow_rules_work_idx" ON "matcher"."allow_rules" USING btree ("work_id");--> statement-breakpoint
CREATE INDEX "allow_rules_mark_idx" ON "matcher"."allow_rules" USING btree ("mark_id");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_days_day_key" ON "api"."calendar_days" USING btree ("day");--> statement-breakpoint
CREATE INDEX "case_findings_finding_idx" ON "api"."case_findings" USING btree ("finding_id");--> statement-breakpoint
CREATE INDEX "cases_status_idx" ON "api"."cases" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "notice_listings_listing_idx" ON "api"."notice_listings" USING btree ("listing_id");--> statement-breakpoint
CREATE INDEX "notices_case_idx" ON "api"."notices" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "notices_status_idx" ON "api"."notices" USING btree ("status","sent_at");--> statement-breakpoint
CREATE INDEX "mail_outbox_status_idx" ON "api"."mail_outbox" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "finding_comments_finding_idx" ON "api"."finding_comments" USING btree ("finding_id","created_at");--> statement-breakpoint
CREATE INDEX "seller_keys_value_idx" ON "api"."seller_keys" USING btree ("kind","value");--> statement-breakpoint
CREATE INDEX "findings_created_id_idx" ON "matcher"."findings" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "findings_status_created_id_idx" ON "matcher"."findings" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "findings_score_id_idx" ON "matcher"."findings" USING btree ("score","id");--> statement-breakpoint
CREATE INDEX "findings_status_score_id_idx" ON "matcher"."findings" USING btree ("status","score","id");--> statement-breakpoint
CREATE INDEX "findings_assignee_idx" ON "matcher"."findings" USING btree ("assignee_id","status","created_at");