-- The audit log is append-only in the database itself, not only by convention in the code: an UPDATE,
-- DELETE or TRUNCATE of audit.events fails for every role that does not first disable the trigger (which
-- needs the table owner, and the hash chain still exposes what such a role changed).
CREATE FUNCTION "audit"."refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit.events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "events_append_only" BEFORE UPDATE OR DELETE ON "audit"."events" FOR EACH ROW EXECUTE FUNCTION "audit"."refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "events_no_truncate" BEFORE TRUNCATE ON "audit"."events" FOR EACH STATEMENT EXECUTE FUNCTION "audit"."refuse_change"();
