"""Gold data: the typed model, loading, compiling from sources, validation and statistics."""
