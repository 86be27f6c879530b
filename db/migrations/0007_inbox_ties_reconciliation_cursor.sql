ALTER TABLE "reconciliation_runs" ADD COLUMN "cursor" jsonb;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "resolved_from_dodo" boolean DEFAULT false NOT NULL;