-- The model a sender chose for their conversation (#模型), kept with their session until 重置 or the session
-- timeout; '' is the default model, as for every session saved before models could be chosen.
ALTER TABLE sessions ADD COLUMN model text NOT NULL DEFAULT '';
