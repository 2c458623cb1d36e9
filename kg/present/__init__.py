"""What users see: the `kg` CLI, server, view, plot, output and the KnowledgeGraph facade; nothing imports present."""
