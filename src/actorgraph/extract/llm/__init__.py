"""Extraction with a language model the user runs, every edge proven by the article's words.

``schema``     the prompt and the answer's JSON schema, generated from the ontology
``client``     chat-completions over HTTP, retries and backoff (urllib3)
``cache``      answers on disk under (model, prompt version, chunk text)
``grounding``  quotes found back in the article; what the ontology forbids dropped and counted
``extractor``  chunks, threads, the graph of each article, the summary

See docs/extraction-llm.md.
"""

from .extractor import DEFAULT_URL, LLMConfig, LLMExtractor

__all__ = ["DEFAULT_URL", "LLMConfig", "LLMExtractor"]
