import type { Tone } from '../ui/Badge';
import { boundsAround, fitProjection, graticuleStep, scaleBar, type Bounds } from './projection';

export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  label: string;
  detail: string;
  tone: Tone;
}

const WIDTH = 640;
const HEIGHT = 360;
const TONE_COLOURS: Record<Tone, string> = { ok: 'var(--ok)', warn: 'var(--warn)', bad: 'var(--bad)', info: 'var(--info)', neutral: 'var(--text-faint)' };

/**
 * Locations as pins on a graticule: positions projected from their coordinates (Web Mercator),
 * no map tiles, so nothing is loaded from the internet.
 */
export function PointMap({ points, selected, onSelect, testid }: { points: MapPoint[]; selected?: string; onSelect: (id: string) => void; testid?: string }) {
  const { project, visible } = fitProjection(boundsAround(points), WIDTH, HEIGHT);
  return (
    <svg class="map" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="Locations on a map" data-testid={testid}>
      <Graticule bounds={visible} project={project} />
      <ScaleBar bounds={visible} />
      {points.map((point) => {
        const [x, y] = project(point.lat, point.lon);
        return (
          <g key={point.id} class={point.id === selected ? 'selected' : undefined} onClick={() => onSelect(point.id)} data-testid={`map-pin-${point.id}`}>
            <title>{`${point.label}: ${point.detail}`}</title>
            <circle class="pin" cx={x} cy={y} r={point.id === selected ? 10 : 8} fill={TONE_COLOURS[point.tone]} />
            <text class="pin-label" x={x + 13} y={y + 4}>
              {point.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function Graticule({ bounds, project }: { bounds: Bounds; project: (lat: number, lon: number) => [number, number] }) {
  const lonStep = graticuleStep(bounds.east - bounds.west);
  const latStep = graticuleStep(bounds.north - bounds.south);
  const decimals = (step: number) => (step < 0.1 ? 2 : step < 1 ? 1 : 0);
  const lons: number[] = [];
  for (let lon = Math.ceil(bounds.west / lonStep) * lonStep; lon <= bounds.east; lon += lonStep) lons.push(lon);
  const lats: number[] = [];
  for (let lat = Math.ceil(bounds.south / latStep) * latStep; lat <= bounds.north; lat += latStep) lats.push(lat);
  return (
    <g>
      {lons.map((lon) => {
        const [x1, y1] = project(bounds.north, lon);
        const [x2, y2] = project(bounds.south, lon);
        return (
          <g key={`lon${lon}`}>
            <line class="graticule" x1={x1} y1={y1} x2={x2} y2={y2} />
            <text x={x2 + 4} y={HEIGHT - 6}>{`${Math.abs(lon).toFixed(decimals(lonStep))}°${lon < 0 ? 'W' : 'E'}`}</text>
          </g>
        );
      })}
      {lats.map((lat) => {
        const [x1, y1] = project(lat, bounds.west);
        const [x2, y2] = project(lat, bounds.east);
        return (
          <g key={`lat${lat}`}>
            <line class="graticule" x1={x1} y1={y1} x2={x2} y2={y2} />
            <text x={6} y={y1 - 4}>{`${Math.abs(lat).toFixed(decimals(latStep))}°${lat < 0 ? 'S' : 'N'}`}</text>
          </g>
        );
      })}
    </g>
  );
}

function ScaleBar({ bounds }: { bounds: Bounds }) {
  const { km, pixels } = scaleBar(bounds, WIDTH, 120);
  const right = WIDTH - 16;
  const y = HEIGHT - 24;
  return (
    <g>
      <path class="scale-bar" d={`M${right - pixels},${y - 5}V${y}H${right}V${y - 5}`} />
      <text x={right - pixels / 2} y={y - 8} text-anchor="middle">{`${km < 1 ? km * 1000 : km} ${km < 1 ? 'm' : 'km'}`}</text>
    </g>
  );
}
