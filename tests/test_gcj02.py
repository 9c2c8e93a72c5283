"""Tests for the GCJ-02 <-> WGS84 conversion in ``tools/gcj02.py``.

``tools`` is not a package, so the module is loaded by path relative to
this file.  Only numpy is needed.
"""

import importlib.util
from pathlib import Path

import numpy as np
import pytest

_PATH = Path(__file__).resolve().parent.parent / "tools" / "gcj02.py"
_SPEC = importlib.util.spec_from_file_location("gcj02", _PATH)
gcj02 = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(gcj02)

#: Mean Earth radius, for turning small degree offsets into metres.
R_EARTH = 6371008.8


def _east_north_m(lon0, lat0, lon1, lat1):
    """Return the (east, north) displacement in metres between two points."""
    east = np.radians(lon1 - lon0) * R_EARTH * np.cos(np.radians(lat0))
    north = np.radians(lat1 - lat0) * R_EARTH
    return east, north


def _grid():
    """WGS84 points covering the study area and a wider part of China."""
    lon, lat = np.meshgrid(np.linspace(119.5, 122.5, 31), np.linspace(29.5, 32.0, 26))
    extra_lon = np.array([75.0, 87.6, 100.0, 116.4, 126.6, 135.0])
    extra_lat = np.array([39.5, 43.8, 25.0, 39.9, 45.8, 48.0])
    return np.concatenate([lon.ravel(), extra_lon]), np.concatenate([lat.ravel(), extra_lat])


def test_forward_offset_at_jiaxing():
    lon, lat = gcj02.wgs84_to_gcj02(120.759, 30.764)
    east, north = _east_north_m(120.759, 30.764, float(lon), float(lat))
    assert east == pytest.approx(413, abs=3)
    assert north == pytest.approx(-253, abs=3)
    assert np.hypot(east, north) == pytest.approx(485, abs=3)


@pytest.mark.parametrize("iterations", [3, 5])
def test_round_trip_below_1e7_degrees(iterations):
    lon, lat = _grid()
    g_lon, g_lat = gcj02.wgs84_to_gcj02(lon, lat)
    w_lon, w_lat = gcj02.gcj02_to_wgs84(g_lon, g_lat, iterations=iterations)
    assert np.max(np.abs(w_lon - lon)) < 1e-7
    assert np.max(np.abs(w_lat - lat)) < 1e-7


def test_single_step_inverse_is_only_metre_accurate():
    # Documents why three iterations are used: one step leaves metre-level errors.
    lon, lat = _grid()
    g_lon, g_lat = gcj02.wgs84_to_gcj02(lon, lat)
    w_lon, w_lat = gcj02.gcj02_to_wgs84(g_lon, g_lat, iterations=1)
    east, north = _east_north_m(lon, lat, w_lon, w_lat)
    err = np.hypot(east, north)
    assert 0.1 < err.max() < 10


def test_inverse_of_gcj_point_is_near_station():
    # Converting the GCJ-02 position of Jiaxing station back recovers WGS84.
    g_lon, g_lat = gcj02.wgs84_to_gcj02(np.array([120.7589]), np.array([30.7665]))
    w_lon, w_lat = gcj02.gcj02_to_wgs84(g_lon, g_lat)
    np.testing.assert_allclose(w_lon, [120.7589], atol=1e-7)
    np.testing.assert_allclose(w_lat, [30.7665], atol=1e-7)


@pytest.mark.parametrize(
    "lon, lat",
    [
        (2.3522, 48.8566),  # Paris
        (-74.006, 40.7128),  # New York
        (139.6917, 35.6895),  # Tokyo (east of the box)
        (151.2093, -33.8688),  # Sydney
        (70.0, 30.0),  # just west of the box
        (120.0, 56.5),  # just north of the box
    ],
)
def test_outside_china_unchanged(lon, lat):
    f_lon, f_lat = gcj02.wgs84_to_gcj02(lon, lat)
    b_lon, b_lat = gcj02.gcj02_to_wgs84(lon, lat)
    assert (float(f_lon), float(f_lat)) == (lon, lat)
    assert (float(b_lon), float(b_lat)) == (lon, lat)


def test_in_china_mask():
    mask = gcj02.in_china([120.759, 2.35, 139.69], [30.764, 48.86, 35.69])
    assert mask.tolist() == [True, False, False]


def test_arrays_keep_shape_and_dtype():
    lon = np.full((3, 4), 120.5)
    lat = np.full((3, 4), 30.5, dtype=np.float32)
    g_lon, g_lat = gcj02.wgs84_to_gcj02(lon, lat)
    w_lon, w_lat = gcj02.gcj02_to_wgs84(g_lon, g_lat)
    assert g_lon.shape == g_lat.shape == w_lon.shape == (3, 4)
    assert w_lat.dtype == np.float64
    assert np.all(g_lon > lon) and np.all(g_lat < lat)


def test_iterations_must_be_positive():
    with pytest.raises(ValueError):
        gcj02.gcj02_to_wgs84(120.0, 30.0, iterations=0)
