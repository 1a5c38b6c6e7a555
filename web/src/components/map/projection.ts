/** Web Mercator y for a latitude in degrees (x is the longitude itself, in degrees). */
export function mercatorY(latitude: number): number {
  const phi = (Math.max(-85, Math.min(85, latitude)) * Math.PI) / 180;
  return (Math.log(Math.tan(Math.PI / 4 + phi / 2)) * 180) / Math.PI;
}

export interface Bounds {
  west: number;
  east: number;
  south: number;
  north: number;
}

/**
 * The area to draw around the points: their bounding box with a margin, at least `minSpan`
 * degrees wide and high, so one location (or two close ones) still shows some surroundings.
 */
export function boundsAround(points: Array<{ lat: number; lon: number }>, minSpan = 0.4): Bounds {
  const lats = points.map((p) => p.lat);
  const lons = points.map((p) => p.lon);
  const grow = (min: number, max: number) => {
    const span = Math.max(max - min, minSpan) * 1.3;
    const middle = (min + max) / 2;
    return [middle - span / 2, middle + span / 2] as const;
  };
  const [south, north] = grow(Math.min(...lats), Math.max(...lats));
  const [west, east] = grow(Math.min(...lons), Math.max(...lons));
  return { west, east, south: Math.max(south, -84), north: Math.min(north, 84) };
}

function latitudeOf(mercator: number): number {
  return (Math.atan(Math.sinh((mercator * Math.PI) / 180)) * 180) / Math.PI;
}

export interface Projection {
  project: (lat: number, lon: number) => [number, number];
  /** What the whole box shows: the bounds widened to the box's proportions. */
  visible: Bounds;
}

/** Maps lat/lon to pixels of a width × height box, keeping the map's proportions (centred). */
export function fitProjection(bounds: Bounds, width: number, height: number): Projection {
  const top = mercatorY(bounds.north);
  const bottom = mercatorY(bounds.south);
  const scale = Math.min(width / (bounds.east - bounds.west), height / (top - bottom));
  const west = (bounds.west + bounds.east) / 2 - width / scale / 2;
  const north = (top + bottom) / 2 + height / scale / 2;
  return {
    project: (lat, lon) => [(lon - west) * scale, (north - mercatorY(lat)) * scale],
    visible: { west, east: west + width / scale, north: latitudeOf(north), south: latitudeOf(north - height / scale) },
  };
}

/** Graticule spacing in degrees: a round step giving at most five lines across `span`. */
export function graticuleStep(span: number): number {
  const steps = [0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 30];
  return steps.find((step) => span / step <= 5) ?? 30;
}

const KM_PER_DEGREE = 111.32;

/** A scale bar of a round length (1, 2, 5 × 10ⁿ km) at most `maxPixels` long, at the map's middle latitude. */
export function scaleBar(visible: Bounds, width: number, maxPixels: number): { km: number; pixels: number } {
  const middle = ((visible.north + visible.south) / 2) * (Math.PI / 180);
  const kmPerPixel = ((visible.east - visible.west) * KM_PER_DEGREE * Math.cos(middle)) / width;
  const most = kmPerPixel * maxPixels;
  const magnitude = 10 ** Math.floor(Math.log10(most));
  const km = [5, 2, 1].map((f) => f * magnitude).find((candidate) => candidate <= most) ?? magnitude;
  return { km, pixels: km / kmPerPixel };
}
