"""The real-server harness: see :mod:`tests.server.harness`."""
