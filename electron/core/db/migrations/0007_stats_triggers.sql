-- The Stats screen's rollups, kept by triggers so no write path can forget them: messages per
-- account and hour, and per chat its first message, last received message and the time from
-- which its response times must be recomputed (electron/core/stats/response-tracker.ts).
-- Messages per UTC hour (ms / 3,600,000) and account. WITHOUT ROWID (which drizzle cannot declare,
-- hence here): the rows sit in hour order, so a year of Stats is one contiguous read.
CREATE TABLE `stats_hourly` (
  `hour` integer NOT NULL,
  `account_id` text NOT NULL REFERENCES `accounts`(`id`) ON DELETE cascade,
  `received` integer DEFAULT 0 NOT NULL,
  `sent` integer DEFAULT 0 NOT NULL,
  PRIMARY KEY (`hour`, `account_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `stats_message_insert` AFTER INSERT ON `messages` BEGIN
  INSERT INTO stats_hourly (account_id, hour, received, sent) VALUES (new.account_id, new.timestamp / 3600000, 1 - new.from_me, new.from_me)
    ON CONFLICT (hour, account_id) DO UPDATE SET received = received + excluded.received, sent = sent + excluded.sent;
  INSERT INTO chat_stats (chat_id, account_id, first_message_at, last_received_at, dirty_since)
    VALUES (new.chat_id, new.account_id, new.timestamp, CASE WHEN new.from_me = 0 THEN new.timestamp END, new.timestamp)
    ON CONFLICT (chat_id) DO UPDATE SET
      first_message_at = min(first_message_at, excluded.first_message_at),
      last_received_at = max(coalesce(last_received_at, excluded.last_received_at), coalesce(excluded.last_received_at, last_received_at)),
      dirty_since = min(coalesce(dirty_since, excluded.dirty_since), excluded.dirty_since);
END;
--> statement-breakpoint
CREATE TRIGGER `stats_message_delete` AFTER DELETE ON `messages` BEGIN
  UPDATE stats_hourly SET received = received - (1 - old.from_me), sent = sent - old.from_me
    WHERE hour = old.timestamp / 3600000 AND account_id = old.account_id;
  UPDATE chat_stats SET dirty_since = min(coalesce(dirty_since, old.timestamp), old.timestamp) WHERE chat_id = old.chat_id;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_message_move` AFTER UPDATE OF `timestamp`, `from_me`, `chat_id`, `account_id` ON `messages` BEGIN
  UPDATE stats_hourly SET received = received - (1 - old.from_me), sent = sent - old.from_me
    WHERE hour = old.timestamp / 3600000 AND account_id = old.account_id;
  UPDATE chat_stats SET dirty_since = min(coalesce(dirty_since, old.timestamp), old.timestamp) WHERE chat_id = old.chat_id;
  INSERT INTO stats_hourly (account_id, hour, received, sent) VALUES (new.account_id, new.timestamp / 3600000, 1 - new.from_me, new.from_me)
    ON CONFLICT (hour, account_id) DO UPDATE SET received = received + excluded.received, sent = sent + excluded.sent;
  INSERT INTO chat_stats (chat_id, account_id, first_message_at, last_received_at, dirty_since)
    VALUES (new.chat_id, new.account_id, new.timestamp, CASE WHEN new.from_me = 0 THEN new.timestamp END, new.timestamp)
    ON CONFLICT (chat_id) DO UPDATE SET
      first_message_at = min(first_message_at, excluded.first_message_at),
      last_received_at = max(coalesce(last_received_at, excluded.last_received_at), coalesce(excluded.last_received_at, last_received_at)),
      dirty_since = min(coalesce(dirty_since, excluded.dirty_since), excluded.dirty_since);
END;
--> statement-breakpoint
-- Who sent a message can be learnt after it was stored (the assistant's answer is queued first).
CREATE TRIGGER `stats_message_sender` AFTER UPDATE OF `sent_by` ON `messages` BEGIN
  UPDATE chat_stats SET dirty_since = min(coalesce(dirty_since, new.timestamp), new.timestamp) WHERE chat_id = new.chat_id;
END;
--> statement-breakpoint
INSERT INTO stats_hourly (account_id, hour, received, sent)
  SELECT account_id, timestamp / 3600000, sum(1 - from_me), sum(from_me) FROM messages GROUP BY account_id, timestamp / 3600000;
--> statement-breakpoint
INSERT INTO chat_stats (chat_id, account_id, first_message_at, last_received_at, dirty_since)
  SELECT chat_id, min(account_id), min(timestamp), max(CASE WHEN from_me = 0 THEN timestamp END), min(timestamp) FROM messages GROUP BY chat_id;
