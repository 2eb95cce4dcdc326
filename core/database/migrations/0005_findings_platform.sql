ALTER TABLE "matcher"."findings" ADD COLUMN "platform" text;--> statement-breakpoint
CREATE INDEX "findings_platform_score_id_idx" ON "matcher"."findings" USING btree ("platform","score","id");--> statement-breakpoint
CREATE INDEX "findings_platform_created_id_idx" ON "matcher"."findings" USING btree ("platform","created_at","id");--> statement-breakpoint
-- Findings written before the column existed take their listing's platform.
UPDATE "matcher"."findings" AS f SET "platform" = l."platform" FROM "crawler"."listings" AS l WHERE l."id" = f."listing_id" AND f."platform" IS NULL;
