"""One root exception; the CLI turns every ActorGraphError into a one-line message.

Messages are written for the user: what is wrong, where, and what to do.
"""


class ActorGraphError(Exception):
    """Root of every error a user can cause; the CLI prints it without a traceback."""

    exit_code = 1


class ConfigError(ActorGraphError):
    """A maintained file (ontology.yaml, curation.yaml, manifest.json) is malformed."""


class GraphDataError(ActorGraphError):
    """Graph JSON that does not fit the model: dangling ends, duplicate ids, unknown labels."""


class InputError(ActorGraphError):
    """A path, article or parameter given by the user cannot be used."""


class StoreError(ActorGraphError):
    """The graph store cannot be reached, started or written."""


class QueryError(ActorGraphError):
    """A Cypher query failed: unknown name, bad parameter, syntax error, write without --write."""


class ModelError(ActorGraphError):
    """A language-model server could not be reached, refused, or gave no usable answer."""
