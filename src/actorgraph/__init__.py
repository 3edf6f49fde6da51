"""actorgraph: news articles to a typed actor-relationship graph."""

__version__ = "0.1.0"
