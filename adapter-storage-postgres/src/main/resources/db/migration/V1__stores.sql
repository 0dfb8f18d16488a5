-- The stores several dingbot instances share. Times are timestamptz (microseconds), days are dates.

-- Mode and context per conversation+sender key. Every write takes a new version from the sequence (never reused,
-- even after a delete), so a writer can tell whether the row is still the one it read.
CREATE SEQUENCE session_versions;
CREATE TABLE sessions (
    key            text        PRIMARY KEY,
    mode           text        NOT NULL,
    turn_roles     text[]      NOT NULL,
    turn_texts     text[]      NOT NULL,
    last_answer_id bigint      NOT NULL,
    updated_at     timestamptz NOT NULL,
    version        bigint      NOT NULL DEFAULT nextval('session_versions'),
    CHECK (cardinality(turn_roles) = cardinality(turn_texts))
);
CREATE INDEX sessions_by_updated_at ON sessions (updated_at);

-- The question/answer log.
CREATE TABLE history (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL,
    kind       text        NOT NULL,
    parent_id  bigint      NOT NULL,
    user_nick  text        NOT NULL,
    staff_id   text        NOT NULL,
    chat_title text        NOT NULL,
    content    text        NOT NULL
);
CREATE INDEX history_by_nick ON history (user_nick, id DESC);
CREATE INDEX history_by_staff_id ON history (staff_id, id DESC);

-- Requests counted per user and day.
CREATE TABLE quota_counts (
    user_key text    NOT NULL,
    day      date    NOT NULL,
    used     integer NOT NULL CHECK (used >= 0),
    PRIMARY KEY (user_key, day)
);

-- Tokens per day and model, summed over every instance.
CREATE TABLE usage_totals (
    day               date   NOT NULL,
    model             text   NOT NULL,
    prompt_tokens     bigint NOT NULL,
    completion_tokens bigint NOT NULL,
    PRIMARY KEY (day, model)
);

-- One-time credentials (a signed callback's timestamp and sign) until they expire.
CREATE TABLE replay_keys (
    key        text        PRIMARY KEY,
    expires_at timestamptz NOT NULL
);
CREATE INDEX replay_keys_by_expiry ON replay_keys (expires_at);
