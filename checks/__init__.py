"""Checks of built artefacts, run by their own nox sessions rather than by ``nox -s tests``.

- ``test_site.py`` (``nox -s docs``): the documentation site in headless Chromium.
- ``test_dist.py`` (``nox -s package``): the sdist and the wheel, and every extra installed from them.
"""
