"""The claimant colours stay apart for the common colour-vision deficiencies (colour_vision.py)."""
import colour_vision
import pytest

from geomap.schema import MAP_SIDES

SIDE_COLOURS = {side: colour for side, (colour, _) in MAP_SIDES.items()}
# CIEDE2000 of about 10 separates categories at a glance on a map; 2 is a just-noticeable step.
MIN_DISTANCE = 10
# WCAG 2.1, 1.4.11: graphical objects need 3:1 against what is next to them (a hollow marker's white fill)
MIN_CONTRAST = 3


@pytest.mark.parametrize("vision", colour_vision.VISIONS)
def test_claimant_colours_are_told_apart(vision):
    distances = colour_vision.palette_distances(SIDE_COLOURS, vision)
    assert min(distances.values()) >= MIN_DISTANCE, distances


def test_claimant_colours_stand_out_from_white():
    contrast = {side: colour_vision.contrast_with_white(c) for side, c in SIDE_COLOURS.items()}
    assert min(contrast.values()) >= MIN_CONTRAST, contrast


def test_the_simulation_merges_red_and_green_for_red_green_deficiencies():
    # a check that the matrices work: a red and a green of equal lightness fall together
    red_green = {"red": "#D81B1B", "green": "#4C9A00"}
    assert colour_vision.palette_distances(red_green, "normal")[("red", "green")] > 40
    assert colour_vision.palette_distances(red_green, "deuteranopia")[("red", "green")] < MIN_DISTANCE
