import { useState } from 'preact/hooks';
import { hasRole, useConsole } from '../../app/console-context';
import { PointMap } from '../../components/map/PointMap';
import { Async } from '../../components/ui/Async';
import { Card } from '../../components/ui/Card';
import { Empty } from '../../components/ui/Empty';
import { PageHead } from '../../components/ui/PageHead';
import { useLoad } from '../../lib/use-load';
import { ChargerDetail } from './ChargerDetail';
import { ChargerTable } from './ChargerTable';
import { EvseTable } from './EvseTable';
import { describeStatuses, locationTone } from './location-status';
import { LocationTable } from './LocationTable';

/** A CPO's locations (map and table, EVSE statuses) and its chargers with their OCPP state. */
export function LocationsPage() {
  const { api, party } = useConsole();
  const [selectedLocation, setSelectedLocation] = useState<string>();
  const [selectedCharger, setSelectedCharger] = useState<string>();
  const state = useLoad(() => Promise.all([api.locations(party.party), api.chargers(party.party)]), [api, party.party]);

  if (!hasRole(party, 'CPO')) return <Empty>{party.party} is not a CPO: it has no locations or chargers here.</Empty>;

  return (
    <>
      <PageHead title="Locations & chargers" subtitle={`Sites of ${party.party} with their EVSEs, and the chargers behind them`} actions={<button type="button" class="btn" onClick={state.reload}>Refresh</button>} />
      <Async state={state}>
        {([locations, chargers]) => {
          const located = locations.filter((l) => Number.isFinite(Number(l.coordinates.latitude)) && Number.isFinite(Number(l.coordinates.longitude)));
          const location = locations.find((l) => l.id === selectedLocation);
          const charger = chargers.find((c) => c.id === selectedCharger);
          return (
            <div class="stack">
              <div class="grid two">
                <Card title="Map" subtitle={`${located.length} of ${locations.length} locations have coordinates`} testid="location-map-card">
                  {located.length ? (
                    <PointMap
                      testid="location-map"
                      selected={selectedLocation}
                      onSelect={setSelectedLocation}
                      points={located.map((l) => ({ id: l.id, lat: Number(l.coordinates.latitude), lon: Number(l.coordinates.longitude), label: l.name ?? l.id, detail: describeStatuses(l), tone: locationTone(l) }))}
                    />
                  ) : (
                    <Empty>No location has coordinates.</Empty>
                  )}
                </Card>
                <Card title="Locations" flush testid="location-table">
                  <LocationTable locations={locations} selected={selectedLocation} onSelect={setSelectedLocation} />
                </Card>
              </div>
              {location && (
                <Card title={`${location.name ?? location.id} — EVSEs`} subtitle={`${location.address}, ${location.city} (${location.country})`} flush testid="evse-table">
                  <EvseTable location={location} />
                </Card>
              )}
              <Card title="Chargers" subtitle="OCPP connection state; select one for its last messages" flush testid="charger-table">
                <ChargerTable chargers={chargers} locations={locations} selected={selectedCharger} onSelect={setSelectedCharger} />
              </Card>
              {charger && <ChargerDetail charger={charger} />}
            </div>
          );
        }}
      </Async>
    </>
  );
}
