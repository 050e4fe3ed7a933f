"""Image files and (later) their records, boards and metadata."""
