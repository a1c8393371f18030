"""From the plan's text to draft tables: extraction, checking the tables against the text, partner resolution."""
