"""Understanding text: the spaCy pipeline and its extractors. Only this package imports spaCy."""
