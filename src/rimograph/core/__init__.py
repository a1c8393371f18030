"""The plan's tables, their validation, the graph built from them and the accessors every question and output shares."""
