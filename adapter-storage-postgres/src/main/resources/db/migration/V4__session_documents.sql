-- The documents a sender gave the bot to read, kept with their session until 重置 or the session timeout:
-- a JSON array of {fileName, kind, text, pages, sheets, cut}, oldest first.
ALTER TABLE sessions ADD COLUMN documents jsonb NOT NULL DEFAULT '[]';
