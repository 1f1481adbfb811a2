"""Tooling that turns the real CML server's OpenAPI document into ``cml_api_client``.

``python -m codegen fetch|generate|check|diff``: see :mod:`codegen.cli`.
"""
