CREATE TABLE `message_receipts` (
	`message_id` integer NOT NULL,
	`member_jid` text NOT NULL,
	`delivered_at` integer,
	`read_at` integer,
	`played_at` integer,
	PRIMARY KEY(`message_id`, `member_jid`),
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `accounts` ADD `reach_out_locked_until` integer;--> statement-breakpoint
ALTER TABLE `messages` ADD `original_text` text;