CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`label` text NOT NULL,
	`color` text NOT NULL,
	`phone` text,
	`push_name` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `auth_creds` (
	`account_id` text PRIMARY KEY NOT NULL,
	`sealed` blob NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `auth_keys` (
	`account_id` text NOT NULL,
	`type` text NOT NULL,
	`key_id` text NOT NULL,
	`sealed` blob NOT NULL,
	PRIMARY KEY(`account_id`, `type`, `key_id`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `chats` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` text NOT NULL,
	`jid` text NOT NULL,
	`pn_jid` text,
	`lid_jid` text,
	`name` text,
	`last_message_at` integer,
	`last_message_preview` text,
	`unread_count` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chats_account_jid` ON `chats` (`account_id`,`jid`);--> statement-breakpoint
CREATE INDEX `chats_last_message` ON `chats` (`last_message_at`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` text NOT NULL,
	`chat_id` integer NOT NULL,
	`wa_id` text NOT NULL,
	`from_me` integer NOT NULL,
	`sender_jid` text,
	`sender_name` text,
	`remote_jid_alt` text,
	`participant_alt` text,
	`addressing_mode` text,
	`type` text NOT NULL,
	`text` text,
	`timestamp` integer NOT NULL,
	`status` text NOT NULL,
	`proto` blob,
	`message_secret` blob,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_chat_wa_id` ON `messages` (`chat_id`,`wa_id`);--> statement-breakpoint
CREATE INDEX `messages_chat_time` ON `messages` (`chat_id`,`timestamp`);--> statement-breakpoint
CREATE INDEX `messages_account_wa_id` ON `messages` (`account_id`,`wa_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
