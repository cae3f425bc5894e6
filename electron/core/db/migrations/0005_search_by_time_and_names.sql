-- Search newest first without sorting every match: the message index is filed under a time key,
-- (seconds since 2020-01-01) · 2^32 + message id, so `ORDER BY rowid DESC LIMIT 50` is newest
-- first and stops after 50 (history sync files old messages late, so message ids are not time
-- order). The key is not a messages column, so the index keeps its own copy of the text.
-- prefix='2 3': what a person has typed after two or three letters is read from one prefix list
-- instead of merging the lists of every word that starts so (57 ms → 0.2 ms for "de*" at 1 M
-- messages); it costs about a third of the index's insert speed.
DROP TRIGGER IF EXISTS `messages_fts_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `messages_fts_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `messages_fts_update`;
--> statement-breakpoint
DROP TABLE IF EXISTS `messages_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `messages_fts` USING fts5(`text`, tokenize='unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
CREATE TRIGGER `messages_fts_insert` AFTER INSERT ON `messages` WHEN new.text IS NOT NULL BEGIN
  INSERT INTO messages_fts(rowid, text) VALUES ((new.timestamp / 1000 - 1577836800) * 4294967296 + new.id, new.text);
END;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_delete` AFTER DELETE ON `messages` WHEN old.text IS NOT NULL BEGIN
  DELETE FROM messages_fts WHERE rowid = (old.timestamp / 1000 - 1577836800) * 4294967296 + old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_update` AFTER UPDATE OF `text`, `timestamp` ON `messages` BEGIN
  DELETE FROM messages_fts WHERE rowid = (old.timestamp / 1000 - 1577836800) * 4294967296 + old.id;
  INSERT INTO messages_fts(rowid, text) SELECT (new.timestamp / 1000 - 1577836800) * 4294967296 + new.id, new.text WHERE new.text IS NOT NULL;
END;
--> statement-breakpoint
INSERT INTO messages_fts(rowid, text) SELECT (timestamp / 1000 - 1577836800) * 4294967296 + id, text FROM messages WHERE text IS NOT NULL;
--> statement-breakpoint
-- Chats by name: the chat's own name and its contact's saved and WhatsApp names, folded like the
-- messages ("maria" finds "María"), one row per chat under the chat's id. Kept in step by triggers
-- on both tables, so a search never folds 50,000 names at query time.
CREATE VIRTUAL TABLE `chat_names_fts` USING fts5(`names`, tokenize='unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
CREATE VIEW `chat_search_names` AS
  SELECT c.id AS chat_id, c.account_id, c.jid,
         trim(coalesce(c.name, '') || ' ' || coalesce(k.name, '') || ' ' || coalesce(k.notify, '')) AS names
  FROM chats c LEFT JOIN contacts k ON k.account_id = c.account_id AND k.jid = c.jid;
--> statement-breakpoint
CREATE TRIGGER `chat_names_fts_chat_insert` AFTER INSERT ON `chats` BEGIN
  INSERT INTO chat_names_fts(rowid, names) SELECT chat_id, names FROM chat_search_names WHERE chat_id = new.id AND names <> '';
END;
--> statement-breakpoint
CREATE TRIGGER `chat_names_fts_chat_update` AFTER UPDATE OF `name`, `jid`, `account_id` ON `chats` BEGIN
  DELETE FROM chat_names_fts WHERE rowid = old.id;
  INSERT INTO chat_names_fts(rowid, names) SELECT chat_id, names FROM chat_search_names WHERE chat_id = new.id AND names <> '';
END;
--> statement-breakpoint
CREATE TRIGGER `chat_names_fts_chat_delete` AFTER DELETE ON `chats` BEGIN
  DELETE FROM chat_names_fts WHERE rowid = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `chat_names_fts_contact_insert` AFTER INSERT ON `contacts` BEGIN
  DELETE FROM chat_names_fts WHERE rowid IN (SELECT id FROM chats WHERE account_id = new.account_id AND jid = new.jid);
  INSERT INTO chat_names_fts(rowid, names) SELECT chat_id, names FROM chat_search_names WHERE account_id = new.account_id AND jid = new.jid AND names <> '';
END;
--> statement-breakpoint
CREATE TRIGGER `chat_names_fts_contact_update` AFTER UPDATE OF `name`, `notify` ON `contacts` BEGIN
  DELETE FROM chat_names_fts WHERE rowid IN (SELECT id FROM chats WHERE account_id = new.account_id AND jid = new.jid);
  INSERT INTO chat_names_fts(rowid, names) SELECT chat_id, names FROM chat_search_names WHERE account_id = new.account_id AND jid = new.jid AND names <> '';
END;
--> statement-breakpoint
CREATE TRIGGER `chat_names_fts_contact_delete` AFTER DELETE ON `contacts` BEGIN
  DELETE FROM chat_names_fts WHERE rowid IN (SELECT id FROM chats WHERE account_id = old.account_id AND jid = old.jid);
  INSERT INTO chat_names_fts(rowid, names) SELECT chat_id, names FROM chat_search_names WHERE account_id = old.account_id AND jid = old.jid AND names <> '';
END;
--> statement-breakpoint
INSERT INTO chat_names_fts(rowid, names) SELECT chat_id, names FROM chat_search_names WHERE names <> '';
