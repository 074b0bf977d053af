import sys
from pathlib import Path

# tests import shared reference values from tests/places.py
sys.path.insert(0, str(Path(__file__).parent))
