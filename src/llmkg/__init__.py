"""llmkg: an open knowledge graph of large language models and how open they are."""

__version__ = "0.1.0"
