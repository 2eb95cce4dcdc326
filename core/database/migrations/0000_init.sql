CREATE SCHEMA "fingerprints";
--> statement-breakpoint
CREATE SCHEMA "crawler";
--> statement-breakpoint
CREATE SCHEMA "matcher";
--> statement-breakpoint
CREATE SCHEMA "api";
--> statement-breakpoint
CREATE TABLE "fingerprints"."assets" (
	"id" serial PRIMARY KEY NOT NULL,
	"work_id" integer NOT NULL,
	"kind" text NOT NULL,
	"blob_key" text,
	"sha256" text NOT NULL,
	"mime" text,
	"width" integer,
	"height" integer,
	"original_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fingerprints"."fingerprints" (
	"id" serial PRIMARY KEY NOT NULL,
	"asset_id" integer NOT NULL,
	"work_id" integer NOT NULL,
	"algorithm" text NOT NULL,
	"region" text DEFAULT 'full' NOT NULL,
	"value" text NOT NULL,
	"quality" real,
	"box" jsonb,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fingerprints"."owners" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'person' NOT NULL,
	"contact" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fingerprints"."work_owners" (
	"work_id" integer NOT NULL,
	"owner_id" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "work_owners_work_id_owner_id_pk" PRIMARY KEY("work_id","owner_id")
);
--> statement-breakpoint
CREATE TABLE "fingerprints"."works" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"type" text NOT NULL,
	"authors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"certificate_no" text,
	"certificate_date" text,
	"description" text,
	"text" text,
	"keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "crawler"."crawl_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"source_id" integer NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"pages_visited" integer DEFAULT 0 NOT NULL,
	"listings_found" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "crawler"."evidence" (
	"id" serial PRIMARY KEY NOT NULL,
	"listing_id" integer NOT NULL,
	"run_id" integer,
	"url" text NOT NULL,
	"captured_at" timestamp with time zone NOT NULL,
	"http_status" integer,
	"headers" jsonb,
	"screenshot_key" text NOT NULL,
	"screenshot_sha256" text NOT NULL,
	"html_key" text NOT NULL,
	"html_sha256" text NOT NULL,
	"software" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "crawler"."listing_images" (
	"id" serial PRIMARY KEY NOT NULL,
	"listing_id" integer NOT NULL,
	"url" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"blob_key" text,
	"sha256" text,
	"mime" text,
	"bytes" integer,
	"error" text,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "crawler"."listings" (
	"id" serial PRIMARY KEY NOT NULL,
	"source_id" integer,
	"platform" text NOT NULL,
	"url" text NOT NULL,
	"external_id" text,
	"title" text NOT NULL,
	"description" text,
	"price_vnd" bigint,
	"seller_name" text,
	"seller_url" text,
	"content_hash" text NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "crawler"."sources" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"start_url" text NOT NULL,
	"adapter" text DEFAULT 'generic' NOT NULL,
	"max_pages" integer DEFAULT 200 NOT NULL,
	"allow_internal" boolean DEFAULT false NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matcher"."findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"listing_id" integer NOT NULL,
	"work_id" integer NOT NULL,
	"score" real NOT NULL,
	"signals" jsonb NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"reviewer_id" integer,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matcher"."match_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"listing_id" integer NOT NULL,
	"content_hash" text NOT NULL,
	"worker" text NOT NULL,
	"findings" integer DEFAULT 0 NOT NULL,
	"duration_ms" integer NOT NULL,
	"matched_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api"."reviews" (
	"id" serial PRIMARY KEY NOT NULL,
	"finding_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api"."sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api"."users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"owner_id" integer,
	"password_hash" text NOT NULL,
	"locale" text DEFAULT 'vi' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fingerprints"."assets" ADD CONSTRAINT "assets_work_id_works_id_fk" FOREIGN KEY ("work_id") REFERENCES "fingerprints"."works"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fingerprints"."fingerprints" ADD CONSTRAINT "fingerprints_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "fingerprints"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fingerprints"."fingerprints" ADD CONSTRAINT "fingerprints_work_id_works_id_fk" FOREIGN KEY ("work_id") REFERENCES "fingerprints"."works"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fingerprints"."work_owners" ADD CONSTRAINT "work_owners_work_id_works_id_fk" FOREIGN KEY ("work_id") REFERENCES "fingerprints"."works"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fingerprints"."work_owners" ADD CONSTRAINT "work_owners_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "fingerprints"."owners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crawler"."crawl_runs" ADD CONSTRAINT "crawl_runs_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "crawler"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crawler"."evidence" ADD CONSTRAINT "evidence_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "crawler"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crawler"."evidence" ADD CONSTRAINT "evidence_run_id_crawl_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "crawler"."crawl_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crawler"."listing_images" ADD CONSTRAINT "listing_images_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "crawler"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crawler"."listings" ADD CONSTRAINT "listings_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "crawler"."sources"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api"."reviews" ADD CONSTRAINT "reviews_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "api"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api"."sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "api"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assets_work_sha_key" ON "fingerprints"."assets" USING btree ("work_id","sha256");--> statement-breakpoint
CREATE INDEX "fingerprints_algorithm_idx" ON "fingerprints"."fingerprints" USING btree ("algorithm");--> statement-breakpoint
CREATE UNIQUE INDEX "fingerprints_asset_alg_region_key" ON "fingerprints"."fingerprints" USING btree ("asset_id","algorithm","region");--> statement-breakpoint
CREATE UNIQUE INDEX "owners_name_key" ON "fingerprints"."owners" USING btree ("name");--> statement-breakpoint
CREATE INDEX "work_owners_owner_idx" ON "fingerprints"."work_owners" USING btree ("owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "works_certificate_no_key" ON "fingerprints"."works" USING btree ("certificate_no");--> statement-breakpoint
CREATE INDEX "crawl_runs_source_idx" ON "crawler"."crawl_runs" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "evidence_listing_idx" ON "crawler"."evidence" USING btree ("listing_id");--> statement-breakpoint
CREATE UNIQUE INDEX "listing_images_listing_url_key" ON "crawler"."listing_images" USING btree ("listing_id","url");--> statement-breakpoint
CREATE UNIQUE INDEX "listings_url_key" ON "crawler"."listings" USING btree ("url");--> statement-breakpoint
CREATE INDEX "listings_source_idx" ON "crawler"."listings" USING btree ("source_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sources_start_url_adapter_key" ON "crawler"."sources" USING btree ("start_url","adapter");--> statement-breakpoint
CREATE UNIQUE INDEX "findings_listing_work_key" ON "matcher"."findings" USING btree ("listing_id","work_id");--> statement-breakpoint
CREATE INDEX "findings_status_idx" ON "matcher"."findings" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "findings_work_idx" ON "matcher"."findings" USING btree ("work_id");--> statement-breakpoint
CREATE UNIQUE INDEX "match_runs_listing_hash_key" ON "matcher"."match_runs" USING btree ("listing_id","content_hash");--> statement-breakpoint
CREATE INDEX "reviews_finding_idx" ON "api"."reviews" USING btree ("finding_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "api"."sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "api"."users" USING btree ("email");