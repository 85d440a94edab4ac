-- A recording the desktop closed after a crash cut the call off (metadata recovered=true):
-- its duration is estimated from the chunk times and the agent's pauses were lost, so a
-- lead listening to it should know. Existing rows were all closed normally.
ALTER TABLE recordings ADD COLUMN recovered boolean NOT NULL DEFAULT false;
