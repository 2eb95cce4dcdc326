ALTER TABLE "crawler"."evidence" ADD COLUMN "response_key" text;--> statement-breakpoint
ALTER TABLE "crawler"."evidence" ADD COLUMN "response_sha256" text;--> statement-breakpoint
ALTER TABLE "crawler"."listings" ADD COLUMN "currency" text;