CREATE TABLE `campaign_accounts` (
	`campaign_id` integer NOT NULL,
	`account_id` text NOT NULL,
	`paused_reason` text,
	`paused_detail` text,
	PRIMARY KEY(`campaign_id`, `account_id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `campaign_recipients` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`account_id` text,
	`phone` text NOT NULL,
	`name` text,
	`variables` text DEFAULT '{}' NOT NULL,
	`state` text NOT NULL,
	`reason` text,
	`variant` text,
	`message_id` integer,
	`queued_at` integer,
	`acked_at` integer,
	`replied_at` integer,
	`opted_out_at` integer,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `campaign_recipients_queue` ON `campaign_recipients` (`campaign_id`,`account_id`,`state`);--> statement-breakpoint
CREATE INDEX `campaign_recipients_account_queued` ON `campaign_recipients` (`account_id`,`queued_at`);--> statement-breakpoint
CREATE INDEX `campaign_recipients_message` ON `campaign_recipients` (`message_id`);--> statement-breakpoint
CREATE INDEX `campaign_recipients_phone` ON `campaign_recipients` (`phone`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`template` text NOT NULL,
	`pacing` text NOT NULL,
	`window` text NOT NULL,
	`start_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE TABLE `suppressions` (
	`phone` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`account_id` text,
	`text` text,
	`created_at` integer NOT NULL
);
