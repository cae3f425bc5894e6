CREATE TABLE `chat_stats` (
	`chat_id` integer PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`first_message_at` integer NOT NULL,
	`last_received_at` integer,
	`dirty_since` integer,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `chat_stats_first_message` ON `chat_stats` (`first_message_at`);--> statement-breakpoint
CREATE INDEX `chat_stats_dirty` ON `chat_stats` (`dirty_since`) WHERE dirty_since IS NOT NULL;--> statement-breakpoint
CREATE TABLE `responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chat_id` integer NOT NULL,
	`account_id` text NOT NULL,
	`asked_at` integer NOT NULL,
	`answered_at` integer NOT NULL,
	`message_id` integer NOT NULL,
	`by` text NOT NULL,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `responses_chat_answered` ON `responses` (`chat_id`,`answered_at`);--> statement-breakpoint
CREATE INDEX `responses_answered` ON `responses` (`answered_at`,`account_id`,`by`,`asked_at`,`chat_id`);--> statement-breakpoint
ALTER TABLE `messages` ADD `sent_by` text;--> statement-breakpoint
CREATE INDEX `chats_account_status` ON `chats` (`account_id`,`status`,`last_message_at`);