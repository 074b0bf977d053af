"""Incident confidence: the stored model reads the features it was fitted on, and the evidence
moves it the way it should."""
from geomap.extract.confidence import INCIDENT_FEATURES, calibrate, incident_confidence, incident_features
from geomap.extract.incidents import extract_incidents

NAMED = {"confidence": 0.95, "place_support": 2, "precision": "settlement",
         "place_note": "named in the report", "event_type": "shelling", "language": "en"}


def test_the_features_are_the_models():
    assert len(incident_features(NAMED, 3)) == len(INCIDENT_FEATURES)
    assert 0.0 <= incident_confidence(NAMED, 3) <= 1.0


def test_a_surer_name_and_more_support_make_a_surer_incident():
    assert incident_confidence({**NAMED, "confidence": 0.5}, 3) < incident_confidence(NAMED, 3)
    assert incident_confidence({**NAMED, "place_support": 0}, 3) < incident_confidence(NAMED, 3)


def test_calibrate_replaces_the_names_confidence_in_every_row():
    rows = [dict(NAMED), {**NAMED, "confidence": 0.3}]
    expected = [incident_confidence(NAMED, 2), incident_confidence({**NAMED, "confidence": 0.3}, 2)]
    assert [r["confidence"] for r in calibrate(rows)] == expected


def test_extracted_incidents_carry_the_incident_confidence():
    inc = extract_incidents("Russian artillery shelled Nikopol overnight, the governor said.", "2023-05-10")
    assert inc.confidence.between(0, 1).all() and inc.confidence.iloc[0] > 0.5
