"""The contract suite: one set of behaviour tests, run against FakeCML and against the real server.

``suite.py`` holds the tests; ``tests/unit/test_contract_fake.py`` runs them
on the fake, ``tests/integration/test_contract_real.py`` on the real server
the harness starts (so they follow the integration suite's server matrix).
Each module only provides the ``backend`` fixture.
"""
