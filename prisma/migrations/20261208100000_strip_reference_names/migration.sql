-- Issue #17: conversation references no longer keep the person's display name (src/bot/teamsActivity.ts
-- strips it before storing); this removes it from the references stored before. Data only, no schema change.
UPDATE "channel_subscription" SET "reference" = "reference" #- '{user,name}' WHERE "reference" #> '{user}' ? 'name';
UPDATE "personal_conversation" SET "reference" = "reference" #- '{user,name}' WHERE "reference" #> '{user}' ? 'name';
