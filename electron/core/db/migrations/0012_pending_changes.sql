CREATE TABLE `pending_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` text NOT NULL,
	`wa_id` text NOT NULL,
	`change` text NOT NULL,
	`received_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pending_changes_target` ON `pending_changes` (`account_id`,`wa_id`);--> statement-breakpoint
CREATE INDEX `pending_changes_received` ON `pending_changes` (`received_at`);