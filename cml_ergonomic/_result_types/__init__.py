"""The typed result classes, one module per family, each loaded by the first call that returns one (``_results``)."""
