-- The inbox several dingbot instances share: every admitted message (de-duplication and work queue), who answers
-- which lane (one conversation+sender) until when, and which instances are running.

-- One row per msgId. position is the admission order; completed rows stay for the de-duplication window.
CREATE TABLE inbox_messages (
    position     bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    msg_id       text        NOT NULL UNIQUE,
    lane_key     text        NOT NULL,
    message      jsonb       NOT NULL,
    admitted_at  timestamptz NOT NULL,
    completed_at timestamptz
);
CREATE INDEX inbox_messages_pending_by_lane ON inbox_messages (lane_key, position) WHERE completed_at IS NULL;
CREATE INDEX inbox_messages_by_completed_at ON inbox_messages (completed_at) WHERE completed_at IS NOT NULL;

-- A lane's holder and its lease; no row, or a lease in the past, is a free lane.
CREATE TABLE inbox_lanes (
    lane_key    text        PRIMARY KEY,
    owner       text        NOT NULL,
    lease_until timestamptz NOT NULL
);
CREATE INDEX inbox_lanes_by_owner ON inbox_lanes (owner);
CREATE INDEX inbox_lanes_by_lease_until ON inbox_lanes (lease_until);

-- Each instance's heartbeat: written at start and with every lease renewal.
CREATE TABLE instances (
    id         text        PRIMARY KEY,
    started_at timestamptz NOT NULL,
    last_seen  timestamptz NOT NULL
);
