-- The model a sender chose for their conversation (#模型), kept with their session until 重置 or the session
-- timeout; '' is the default model, as for every session saved before models could be chosen.
ALTER TABLE sessions ADD COLUMN model text NOT NULL DEFAULT '';

-- Tokens per provider of a chain too: rows from before chains of providers are the provider ''.
ALTER TABLE usage_totals ADD COLUMN provider text NOT NULL DEFAULT '';
ALTER TABLE usage_totals DROP CONSTRAINT usage_totals_pkey, ADD PRIMARY KEY (day, provider, model);
