import { useState } from 'preact/hooks';
import type { Statement } from '../../api/types';
import { useConsole } from '../../app/console-context';
import { Card } from '../../components/ui/Card';
import { ErrorNotice } from '../../components/ui/ErrorNotice';
import { Field } from '../../components/ui/Field';
import { useAction } from '../../lib/use-action';

/** This month in UTC as a monthly period: `2026-03`. */
function currentMonth(now = new Date()): string {
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Builds the DRAFT statement of a partner and period (again, if it exists: rebuilt from the CDRs as they are now). */
export function BuildStatementForm({ partners, chosen, onChoose, onBuilt }: { partners: Array<{ party: string; name: string }>; chosen: string; onChoose: (party: string) => void; onBuilt: (statement: Statement) => void }) {
  const { api, party } = useConsole();
  const [period, setPeriod] = useState(currentMonth);
  const build = useAction(() => api.buildStatement(party.party, chosen, period.trim()));

  const submit = async (event: Event) => {
    event.preventDefault();
    const statement = await build.run();
    if (statement) onBuilt(statement);
  };

  return (
    <Card title="Build a statement" subtitle="Monthly (2026-03) or weekly (2026-W10) per the agreement with the partner; a draft is rebuilt until it is issued.">
      <form class="form" onSubmit={submit} data-testid="build-statement">
        <div class="form-row">
          <Field label="Partner">
            <select value={chosen} onChange={(e) => onChoose(e.currentTarget.value)} data-testid="statement-counterpart">
              {partners.map((p) => (
                <option key={p.party} value={p.party}>
                  {p.party} · {p.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Period">
            <input value={period} onInput={(e) => setPeriod(e.currentTarget.value)} required pattern="\d{4}-(\d{2}|W\d{2})" data-testid="statement-period" />
          </Field>
          <div>
            <button type="submit" class="btn primary" disabled={build.busy || !chosen} data-testid="statement-build">
              {build.busy ? 'Building…' : 'Build statement'}
            </button>
          </div>
        </div>
        <ErrorNotice error={build.error} />
      </form>
    </Card>
  );
}
