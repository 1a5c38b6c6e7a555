import type { Endpoint } from '../../api/types';
import { Table } from '../../components/ui/Table';

export function EndpointTable({ endpoints }: { endpoints: Endpoint[] }) {
  return (
    <Table
      rows={endpoints}
      head={
        <>
          <th>Module</th>
          <th>Role</th>
          <th>URL</th>
        </>
      }
    >
      {(e) => (
        <tr key={`${e.identifier}-${e.role}`}>
          <td>{e.identifier}</td>
          <td>{e.role}</td>
          <td>
            <code>{e.url}</code>
          </td>
        </tr>
      )}
    </Table>
  );
}
