CREATE TABLE `whatsapp_numbers` (
	`phone` text PRIMARY KEY NOT NULL,
	`on_whatsapp` integer NOT NULL,
	`checked_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `campaigns` ADD `attachment_kind` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `attachment_path` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `attachment_mime` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `attachment_name` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `attachment_size` integer;