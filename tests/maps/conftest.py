"""One headless Chromium for all the browser tests of the maps (tests/browser.py)."""
import pytest
from browser import Browser


@pytest.fixture(scope="session")
def browser():
    with Browser() as b:
        yield b
