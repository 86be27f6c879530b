CREATE TABLE "reconciliation_repairs" (
	"id" text PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"payment_id" text,
	"subscription_id" text,
	"order_id" text,
	"webhook_id" text,
	"reason" text NOT NULL,
	"event_type" text NOT NULL,
	"before" jsonb,
	"after" jsonb NOT NULL,
	"outcome" text NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reconciliation_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"trigger" text NOT NULL,
	"actor" text,
	"status" text DEFAULT 'running' NOT NULL,
	"checked" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"repaired" integer DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"webhook_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signature" text NOT NULL,
	"status_code" integer NOT NULL,
	"result" text NOT NULL,
	"outcome" text,
	"event_type" text,
	"object_id" text,
	"error" text,
	"duration_ms" integer
);
--> statement-breakpoint
ALTER TABLE "reconciliation_repairs" ADD CONSTRAINT "reconciliation_repairs_run_id_reconciliation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."reconciliation_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reconciliation_repairs_run_idx" ON "reconciliation_repairs" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "reconciliation_repairs_object_idx" ON "reconciliation_repairs" USING btree ("object_id");--> statement-breakpoint
CREATE INDEX "reconciliation_repairs_payment_idx" ON "reconciliation_repairs" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "reconciliation_repairs_order_idx" ON "reconciliation_repairs" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "reconciliation_runs_started_idx" ON "reconciliation_runs" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_webhook_idx" ON "webhook_deliveries" USING btree ("webhook_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_object_idx" ON "webhook_deliveries" USING btree ("object_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_received_idx" ON "webhook_deliveries" USING btree ("received_at");