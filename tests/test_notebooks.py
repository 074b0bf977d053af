"""The worked examples in examples/notebooks run top to bottom in a fresh kernel of this
environment, display their maps inline, and are committed without outputs."""
from pathlib import Path

import nbclient
import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "examples" / "notebooks").glob("*.ipynb"))


def test_there_are_at_least_three_worked_examples():
    assert len(NOTEBOOKS) >= 3


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebook_is_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    assert all(not cell.get("outputs") and not cell.get("execution_count")
               for cell in notebook.cells if cell.cell_type == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebook_runs_top_to_bottom_and_shows_its_map(path):
    notebook = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}}).execute()
    html = [out["data"]["text/html"] for cell in notebook.cells for out in cell.get("outputs", [])
            if "text/html" in out.get("data", {})]
    assert any("leaflet" in h.lower() for h in html)  # a folium map displayed inline
