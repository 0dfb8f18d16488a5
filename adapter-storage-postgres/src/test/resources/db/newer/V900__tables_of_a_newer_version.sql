-- What a later dingbot might add; only the schema version test reads it.
CREATE TABLE from_a_newer_version (id integer PRIMARY KEY);
