"""Conversation prompts a facilitator can edit, as data (see tiwell.present.story)."""
