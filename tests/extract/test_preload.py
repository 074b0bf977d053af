"""geomap.preload: what extraction loads on first use, loaded at once (a service or worker at start)."""
import json
import subprocess
import sys

import pytest

import geomap
from geomap.errors import InputError

# In a fresh process: preload, then read a report with a place near the line in 2014, one in 2023,
# an oblast-wide incident and two regions'; print which tables and layers the report still had to build.
PROBE = r"""
import json, geomap
from geomap.geocoding import index
from geomap.spatial import checks, layers
from geomap.extract import sites
from geomap.geocoding import regions
idx = geomap.geocoding.default_index()
before = len(idx._derived)
geomap.preload(languages=("uk",))
built = len(idx._derived)
loaders = [layers.occupied_2014, layers.oblasts, checks._since_2014, checks._oblast_index,
           sites._oblast_shape, regions._oblasts_union]
misses = [f.cache_info().misses for f in loaders]
geomap.extract_incidents("Shelling hit Stanytsia Luhanska on 3 June 2014. Artillery struck Kurakhove, "
                         "Donetsk region, on 2 May 2023. Drones hit villages across Kharkiv oblast. "
                         "Shelling went on across the Donbas. Artillery shelled the Luhansk People's "
                         "Republic, its leaders said.", "2023-05-03")
print(json.dumps({"before": before, "built": built, "tables": len(index._TABLES),
                  "built_by_report": len(idx._derived) - built,
                  "loaded_by_report": [f.cache_info().misses - m for f, m in zip(loaders, misses)]}))
"""


def test_preload_leaves_nothing_for_the_first_report_to_build():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["before"] == 0 and got["built"] == got["tables"] > 5
    assert got["built_by_report"] == 0
    assert got["loaded_by_report"] == [0, 0, 0, 0, 0, 0]


@pytest.mark.parametrize("options, message", [
    ({"control_source": "osm"}, "unknown control source 'osm'"),
    ({"languages": ("de",)}, "no dictionary for language 'de'"),
])
def test_preload_names_what_it_cannot_load(options, message):
    with pytest.raises(InputError, match=message):
        geomap.preload(**options)
