import { Card } from '../../components/ui/Card';
import { Table } from '../../components/ui/Table';
import { formatMoney } from '../../lib/format';
import { figure, type RevenueColumn, type RevenueFigures } from './revenue-figures';

/** One breakdown of the revenue report: a row per partner, location or period; each money cell carries the API's decimal in `data-value`. */
export function RevenueTable({ title, first, rows, columns, currency, testid }: { title: string; first: string; rows: Record<string, RevenueFigures>; columns: RevenueColumn[]; currency: string; testid: string }) {
  return (
    <Card flush title={title} testid={testid}>
      <Table
        rows={Object.entries(rows)}
        head={
          <>
            <th>{first}</th>
            <th class="num">Sessions</th>
            {columns.map((c) => (
              <th key={c.key} class="num">
                {c.label}
              </th>
            ))}
          </>
        }
      >
        {([key, figures]) => (
          <tr key={key} data-testid={`revenue-row-${key}`}>
            <td>{key}</td>
            <td class="num" data-figure="sessions" data-value={figures.sessions}>
              {figures.sessions}
            </td>
            {columns.map((c) => (
              <td key={c.key} class={c.bottomLine ? 'num strong' : 'num'} data-figure={c.key} data-value={figure(figures, c.key)}>
                {formatMoney(figure(figures, c.key), currency)}
              </td>
            ))}
          </tr>
        )}
      </Table>
    </Card>
  );
}
