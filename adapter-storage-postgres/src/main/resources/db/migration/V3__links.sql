-- What the public links lead to (generated images, conversation pages), until they expire: a link one instance
-- made opens on every other.
CREATE TABLE links (
    token      text        PRIMARY KEY,
    kind       text        NOT NULL,
    title      text        NOT NULL,
    media_type text        NOT NULL,
    body       bytea       NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX links_by_expiry ON links (expires_at);
