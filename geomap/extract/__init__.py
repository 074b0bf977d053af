"""Extraction stage: report text to incidents (what hit where, with what, how often, claimed by
whom, confirmed or not), each placed with the geocoder and checked at its own date.

>>> row = extract_incidents("Shelling hit Avdiivka on 3 March, the regional governor said.",
...                         "2023-03-04").iloc[0]
>>> row.place_name, row.event_type, row.date
('Avdiivka', 'shelling', '2023-03-03')
"""
from __future__ import annotations

from geomap.extract.incidents import extract_incidents, extract_mentions, extract_reports, preload

__all__ = ["extract_incidents", "extract_mentions", "extract_reports", "preload"]
