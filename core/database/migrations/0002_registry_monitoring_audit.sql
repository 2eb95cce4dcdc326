CREATE SCHEMA "audit";
--> statement-breakpoint
CREATE TABLE "fingerprints"."fingerprint_status" (
	"subject_type" text NOT NULL,
	"subject_id" integer NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"generation" integer DEFAULT 1 NOT NULL,
	"assets_total" integer DEFAULT 0 NOT NULL,
	"assets_done" integer DEFAULT 0 NOT NULL,
	"fingerprints" integer DEFAULT 0 NOT NULL,
	"error" text,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "fingerprint_status_subject_type_subject_id_pk" PRIMARY KEY("subject_type","subject_id")
);
--> statement-breakpoint
CREATE TABLE "fingerprints"."marks" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"form" text DEFAULT 'word' NOT NULL,
	"kind" text NOT NULL,
	"owner_id" integer NOT NULL,
	"certificate_no" text,
	"filing_date" text,
	"grant_date" text,
	"expires_on" text,
	"nice_classes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"goods" text,
	"description" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fingerprints"."registry_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" integer NOT NULL,
	"generation" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fingerprints"."work_authors" (
	"work_id" integer NOT NULL,
	"party_id" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "work_authors_work_id_party_id_pk" PRIMARY KEY("work_id","party_id")
);
--> statement-breakpoint
CREATE TABLE "crawler"."captures" (
	"id" serial PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"requested_by" integer,
	"allow_internal" boolean DEFAULT false NOT NULL,
	"run_id" integer,
	"listing_id" integer,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "crawler"."listing_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"listing_id" integer NOT NULL,
	"run_id" integer,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"changes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"snapshot" jsonb,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "crawler"."source_sessions" (
	"source_id" integer PRIMARY KEY NOT NULL,
	"ciphertext" text NOT NULL,
	"iv" text NOT NULL,
	"tag" text NOT NULL,
	"key_id" text NOT NULL,
	"summary" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit"."events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" integer,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fingerprints"."assets" ALTER COLUMN "work_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "fingerprints"."fingerprints" ALTER COLUMN "work_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "matcher"."findings" ALTER COLUMN "work_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "fingerprints"."assets" ADD COLUMN "mark_id" integer;--> statement-breakpoint
ALTER TABLE "fingerprints"."assets" ADD COLUMN "content" text;--> statement-breakpoint
ALTER TABLE "fingerprints"."fingerprints" ADD COLUMN "mark_id" integer;--> statement-breakpoint
ALTER TABLE "fingerprints"."owners" ADD COLUMN "pen_name" text;--> statement-breakpoint
ALTER TABLE "fingerprints"."owners" ADD COLUMN "identifier" text;--> statement-breakpoint
ALTER TABLE "fingerprints"."owners" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "fingerprints"."owners" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "fingerprints"."owners" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "fingerprints"."owners" ADD COLUMN "normalized_name" text;--> statement-breakpoint
ALTER TABLE "fingerprints"."owners" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "fingerprints"."works" ADD COLUMN "published_on" text;--> statement-breakpoint
ALTER TABLE "fingerprints"."works" ADD COLUMN "published_place" text;--> statement-breakpoint
ALTER TABLE "fingerprints"."works" ADD COLUMN "related_rights" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "fingerprints"."works" ADD COLUMN "search_folded" text GENERATED ALWAYS AS (lower(translate(regexp_replace(coalesce("title", '') || ' ' || coalesce("description", '') || ' ' || coalesce("text", ''), '[̀-ͯ]', '', 'g'), 'ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĨĩŨũƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹđĐ', 'AAAAEEEIIOOOOUUYaaaaeeeiioooouuyAaIiUuOoUuAaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEeEeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUuYyYyYyYydD'))) STORED;--> statement-breakpoint
ALTER TABLE "crawler"."crawl_runs" ADD COLUMN "trigger" text DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE "crawler"."crawl_runs" ADD COLUMN "listings_new" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "crawler"."crawl_runs" ADD COLUMN "listings_changed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "crawler"."crawl_runs" ADD COLUMN "error_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "crawler"."crawl_runs" ADD COLUMN "worker_id" text;--> statement-breakpoint
ALTER TABLE "crawler"."crawl_runs" ADD COLUMN "heartbeat_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "crawler"."crawl_runs" ADD COLUMN "cancel_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "crawler"."crawl_runs" ADD COLUMN "requested_by" integer;--> statement-breakpoint
ALTER TABLE "crawler"."evidence" ADD COLUMN "warc_key" text;--> statement-breakpoint
ALTER TABLE "crawler"."evidence" ADD COLUMN "warc_sha256" text;--> statement-breakpoint
ALTER TABLE "crawler"."evidence" ADD COLUMN "server_ip" text;--> statement-breakpoint
ALTER TABLE "crawler"."evidence" ADD COLUMN "tls" jsonb;--> statement-breakpoint
ALTER TABLE "crawler"."listings" ADD COLUMN "status" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "crawler"."listings" ADD COLUMN "removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "crawler"."listings" ADD COLUMN "availability" text;--> statement-breakpoint
ALTER TABLE "crawler"."listings" ADD COLUMN "search_folded" text GENERATED ALWAYS AS (lower(translate(regexp_replace(coalesce("title", '') || ' ' || coalesce("description", ''), '[̀-ͯ]', '', 'g'), 'ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĨĩŨũƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹđĐ', 'AAAAEEEIIOOOOUUYaaaaeeeiioooouuyAaIiUuOoUuAaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEeEeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUuYyYyYyYydD'))) STORED;--> statement-breakpoint
ALTER TABLE "crawler"."sources" ADD COLUMN "kind" text DEFAULT 'site' NOT NULL;--> statement-breakpoint
ALTER TABLE "crawler"."sources" ADD COLUMN "query" text;--> statement-breakpoint
ALTER TABLE "crawler"."sources" ADD COLUMN "search_template" text;--> statement-breakpoint
ALTER TABLE "crawler"."sources" ADD COLUMN "schedule" text;--> statement-breakpoint
ALTER TABLE "crawler"."sources" ADD COLUMN "max_depth" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "crawler"."sources" ADD COLUMN "concurrency" integer;--> statement-breakpoint
ALTER TABLE "crawler"."sources" ADD COLUMN "rate_per_minute" integer;--> statement-breakpoint
ALTER TABLE "crawler"."sources" ADD COLUMN "ignore_robots" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "crawler"."sources" ADD COLUMN "owner_user_id" integer;--> statement-breakpoint
ALTER TABLE "crawler"."sources" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "matcher"."findings" ADD COLUMN "mark_id" integer;--> statement-breakpoint
ALTER TABLE "api"."users" ADD COLUMN "status" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "api"."users" ADD COLUMN "party_kind" text;--> statement-breakpoint
ALTER TABLE "api"."users" ADD COLUMN "organisation" text;--> statement-breakpoint
ALTER TABLE "api"."users" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "api"."users" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "api"."users" ADD COLUMN "claimed_owner" text;--> statement-breakpoint
ALTER TABLE "api"."users" ADD COLUMN "registration_note" text;--> statement-breakpoint
ALTER TABLE "api"."users" ADD COLUMN "decided_by" integer;--> statement-breakpoint
ALTER TABLE "api"."users" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api"."users" ADD COLUMN "decision_note" text;--> statement-breakpoint
ALTER TABLE "fingerprints"."marks" ADD CONSTRAINT "marks_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "fingerprints"."owners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fingerprints"."work_authors" ADD CONSTRAINT "work_authors_work_id_works_id_fk" FOREIGN KEY ("work_id") REFERENCES "fingerprints"."works"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fingerprints"."work_authors" ADD CONSTRAINT "work_authors_party_id_owners_id_fk" FOREIGN KEY ("party_id") REFERENCES "fingerprints"."owners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crawler"."captures" ADD CONSTRAINT "captures_run_id_crawl_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "crawler"."crawl_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crawler"."captures" ADD CONSTRAINT "captures_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "crawler"."listings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crawler"."listing_events" ADD CONSTRAINT "listing_events_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "crawler"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crawler"."listing_events" ADD CONSTRAINT "listing_events_run_id_crawl_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "crawler"."crawl_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crawler"."source_sessions" ADD CONSTRAINT "source_sessions_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "crawler"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "marks_certificate_no_key" ON "fingerprints"."marks" USING btree ("certificate_no");--> statement-breakpoint
CREATE INDEX "marks_owner_idx" ON "fingerprints"."marks" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "work_authors_party_idx" ON "fingerprints"."work_authors" USING btree ("party_id");--> statement-breakpoint
CREATE INDEX "captures_created_idx" ON "crawler"."captures" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "listing_events_listing_idx" ON "crawler"."listing_events" USING btree ("listing_id","at");--> statement-breakpoint
CREATE INDEX "events_entity_idx" ON "audit"."events" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "events_actor_idx" ON "audit"."events" USING btree ("actor_user_id");--> statement-breakpoint
ALTER TABLE "fingerprints"."assets" ADD CONSTRAINT "assets_mark_id_marks_id_fk" FOREIGN KEY ("mark_id") REFERENCES "fingerprints"."marks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fingerprints"."fingerprints" ADD CONSTRAINT "fingerprints_mark_id_marks_id_fk" FOREIGN KEY ("mark_id") REFERENCES "fingerprints"."marks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assets_mark_sha_key" ON "fingerprints"."assets" USING btree ("mark_id","sha256");--> statement-breakpoint
CREATE INDEX "fingerprints_mark_idx" ON "fingerprints"."fingerprints" USING btree ("mark_id");--> statement-breakpoint
CREATE UNIQUE INDEX "owners_normalized_identifier_key" ON "fingerprints"."owners" USING btree ("normalized_name",coalesce("identifier", ''));--> statement-breakpoint
CREATE INDEX "works_search_folded_idx" ON "fingerprints"."works" USING gin ("search_folded" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "crawl_runs_status_idx" ON "crawler"."crawl_runs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "listings_search_folded_idx" ON "crawler"."listings" USING gin ("search_folded" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "findings_listing_mark_key" ON "matcher"."findings" USING btree ("listing_id","mark_id");--> statement-breakpoint
CREATE INDEX "findings_mark_idx" ON "matcher"."findings" USING btree ("mark_id");--> statement-breakpoint
CREATE INDEX "users_status_idx" ON "api"."users" USING btree ("status");--> statement-breakpoint
ALTER TABLE "fingerprints"."assets" ADD CONSTRAINT "assets_subject_check" CHECK (num_nonnulls("fingerprints"."assets"."work_id", "fingerprints"."assets"."mark_id") = 1);--> statement-breakpoint
ALTER TABLE "fingerprints"."fingerprints" ADD CONSTRAINT "fingerprints_subject_check" CHECK (num_nonnulls("fingerprints"."fingerprints"."work_id", "fingerprints"."fingerprints"."mark_id") = 1);--> statement-breakpoint
ALTER TABLE "matcher"."findings" ADD CONSTRAINT "findings_subject_check" CHECK (num_nonnulls("matcher"."findings"."work_id", "matcher"."findings"."mark_id") = 1);