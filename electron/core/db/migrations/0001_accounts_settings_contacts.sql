CREATE TABLE `contacts` (
	`account_id` text NOT NULL,
	`jid` text NOT NULL,
	`pn_jid` text,
	`lid_jid` text,
	`name` text,
	`notify` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `jid`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `contacts_lid` ON `contacts` (`account_id`,`lid_jid`);--> statement-breakpoint
CREATE INDEX `contacts_pn` ON `contacts` (`account_id`,`pn_jid`);--> statement-breakpoint
ALTER TABLE `accounts` ADD `avatar` text;--> statement-breakpoint
ALTER TABLE `accounts` ADD `settings` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `accounts` ADD `removed_at` integer;--> statement-breakpoint
CREATE INDEX `chats_account_lid` ON `chats` (`account_id`,`lid_jid`);