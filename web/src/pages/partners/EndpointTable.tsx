import type { Endpoint } from '../../api/types';

export function EndpointTable({ endpoints }: { endpoints: Endpoint[] }) {
  return (
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th>Module</th>
            <th>Role</th>
            <th>URL</th>
          </tr>
        </thead>
        <tbody>
          {endpoints.map((e) => (
            <tr key={`${e.identifier}-${e.role}`}>
              <td>{e.identifier}</td>
              <td>{e.role}</td>
              <td>
                <code>{e.url}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
