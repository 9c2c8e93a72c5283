"""Convert coordinates between WGS84 and GCJ-02 (the Chinese "Mars" datum).

GCJ-02 is the obfuscated coordinate system that Chinese web-map providers
(Amap/高德, Tencent, and the DataV/echarts data derived from Amap) are required
to use.  It is WGS84 plus a smooth, position-dependent offset of a few hundred
metres; around Jiaxing the offset is about 413 m east and 253 m south.

The forward transform (WGS84 -> GCJ-02) is the widely published formula: a
polynomial-plus-sine series in ``x = lon - 105`` and ``y = lat - 35`` gives the
offset in metres, which is scaled to degrees with the meridian and parallel
radii of the Krasovsky 1940 ellipsoid.  The inverse has no closed form; it is
computed by fixed-point iteration, ``w <- w - (gcj(w) - g)``, starting from the
GCJ-02 point ``g`` itself.  The offset varies slowly (its gradient is of the
order of 1e-3 to 1e-2), so each iteration shrinks the error by two to three
orders of magnitude: one step leaves metre-level errors, three steps leave
errors of about 0.1 mm or less.

Outside China's rough bounding box no offset is applied, in either direction.

Only numpy is needed.  The build script ``tools/build_geodata.py`` and the test
``tests/test_gcj02.py`` load this file by path (``tools`` is not a package).

Examples
--------
>>> import numpy as np
>>> lon, lat = wgs84_to_gcj02(np.array([120.759]), np.array([30.764]))
>>> back_lon, back_lat = gcj02_to_wgs84(lon, lat)
>>> bool(abs(back_lon[0] - 120.759) < 1e-9 and abs(back_lat[0] - 30.764) < 1e-9)
True
"""

from __future__ import annotations

import numpy as np

__all__ = ["in_china", "wgs84_to_gcj02", "gcj02_to_wgs84"]

#: Semi-major axis of the Krasovsky 1940 ellipsoid, in metres.
A = 6378245.0
#: First eccentricity squared of the Krasovsky 1940 ellipsoid.
EE = 0.00669342162296594323

#: The conventional "China" box outside which GCJ-02 equals WGS84
#: (lon_min, lon_max, lat_min, lat_max), in degrees.
CHINA_BOX = (72.004, 137.8347, 0.8293, 55.8271)


def in_china(lon, lat):
    """Return a boolean mask of the points that get a GCJ-02 offset.

    Parameters
    ----------
    lon, lat : array_like
        Longitude and latitude in degrees.

    Returns
    -------
    numpy.ndarray of bool
        True where the point lies inside :data:`CHINA_BOX`.  Points outside
        it are left unshifted by both transforms.
    """
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    lon_min, lon_max, lat_min, lat_max = CHINA_BOX
    return (lon >= lon_min) & (lon <= lon_max) & (lat >= lat_min) & (lat <= lat_max)


def _offset_series(x, y):
    """Evaluate the GCJ-02 offset series (in metre-like units).

    Parameters
    ----------
    x, y : numpy.ndarray
        ``lon - 105`` and ``lat - 35``, in degrees.

    Returns
    -------
    dlon, dlat : numpy.ndarray
        The east and north offsets before scaling to degrees.
    """
    pi = np.pi
    common = (20.0 * np.sin(6.0 * x * pi) + 20.0 * np.sin(2.0 * x * pi)) * 2.0 / 3.0

    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    dlat = dlat + common
    dlat = dlat + (20.0 * np.sin(y * pi) + 40.0 * np.sin(y / 3.0 * pi)) * 2.0 / 3.0
    dlat = dlat + (160.0 * np.sin(y / 12.0 * pi) + 320.0 * np.sin(y * pi / 30.0)) * 2.0 / 3.0

    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    dlon = dlon + common
    dlon = dlon + (20.0 * np.sin(x * pi) + 40.0 * np.sin(x / 3.0 * pi)) * 2.0 / 3.0
    dlon = dlon + (150.0 * np.sin(x / 12.0 * pi) + 300.0 * np.sin(x / 30.0 * pi)) * 2.0 / 3.0
    return dlon, dlat


def _offset_degrees(lon, lat):
    """Return the GCJ-02 offset at WGS84 points, in degrees.

    Parameters
    ----------
    lon, lat : numpy.ndarray
        WGS84 longitude and latitude in degrees (float arrays of equal shape).

    Returns
    -------
    dlon, dlat : numpy.ndarray
        Offsets to add to ``lon`` and ``lat``; zero outside :data:`CHINA_BOX`.
    """
    dlon, dlat = _offset_series(lon - 105.0, lat - 35.0)
    radlat = np.radians(lat)
    magic = 1.0 - EE * np.sin(radlat) ** 2
    sqrtmagic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((A * (1.0 - EE)) / (magic * sqrtmagic) * np.pi)
    dlon = (dlon * 180.0) / (A / sqrtmagic * np.cos(radlat) * np.pi)
    inside = in_china(lon, lat)
    return np.where(inside, dlon, 0.0), np.where(inside, dlat, 0.0)


def wgs84_to_gcj02(lon, lat):
    """Convert WGS84 coordinates to GCJ-02 (forward transform).

    Parameters
    ----------
    lon, lat : array_like
        WGS84 longitude and latitude in degrees; any broadcast-compatible
        shapes (scalars are accepted).

    Returns
    -------
    lon, lat : numpy.ndarray
        GCJ-02 longitude and latitude in degrees (float64).  Points outside
        China's box are returned unchanged.

    Examples
    --------
    >>> lon, lat = wgs84_to_gcj02(121.0, 31.0)
    >>> round(float(lon - 121.0), 4), round(float(lat - 31.0), 4)
    (0.0044, -0.0022)
    """
    lon, lat = np.broadcast_arrays(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    dlon, dlat = _offset_degrees(lon, lat)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon, lat, iterations=3):
    """Convert GCJ-02 coordinates back to WGS84 by fixed-point iteration.

    Starting from ``w = g`` (the GCJ-02 point), each iteration applies
    ``w <- w - (wgs84_to_gcj02(w) - g)``.  Three iterations give a round-trip
    error of about 0.1 mm or less inside China; one iteration (the common "single
    step" inverse) leaves errors of up to a few metres.

    Parameters
    ----------
    lon, lat : array_like
        GCJ-02 longitude and latitude in degrees.
    iterations : int, default 3
        Number of fixed-point iterations (at least 1).

    Returns
    -------
    lon, lat : numpy.ndarray
        WGS84 longitude and latitude in degrees (float64).  Points outside
        China's box are returned unchanged.

    Examples
    --------
    >>> g_lon, g_lat = wgs84_to_gcj02(120.5, 30.5)
    >>> w_lon, w_lat = gcj02_to_wgs84(g_lon, g_lat)
    >>> round(float(w_lon), 9), round(float(w_lat), 9)
    (120.5, 30.5)
    """
    if iterations < 1:
        raise ValueError("iterations must be at least 1")
    g_lon, g_lat = np.broadcast_arrays(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    w_lon, w_lat = g_lon.copy(), g_lat.copy()
    for _ in range(iterations):
        f_lon, f_lat = wgs84_to_gcj02(w_lon, w_lat)
        w_lon = w_lon - (f_lon - g_lon)
        w_lat = w_lat - (f_lat - g_lat)
    # Points outside the box keep their coordinates exactly (no round-off).
    outside = ~in_china(g_lon, g_lat)
    return np.where(outside, g_lon, w_lon), np.where(outside, g_lat, w_lat)
