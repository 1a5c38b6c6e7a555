import { useConsole } from '../../app/console-context';
import { Async } from '../../components/ui/Async';
import { ErrorNotice } from '../../components/ui/ErrorNotice';
import { Table } from '../../components/ui/Table';
import { formatDateTime } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';

/** Messages the partner never took (or refused as wrong), each to send again, or all at once. */
export function DeadLetters({ peerId, onRetried }: { peerId: string; onRetried: () => void }) {
  const { api } = useConsole();
  const letters = useLoad(() => api.deadLetters(peerId), [api, peerId]);
  const retry = useAction(async (target: { id: string } | { peer: string }) => {
    await api.retry(target);
    onRetried();
    letters.reload();
  });
  return (
    <div class="stack gap-top" data-testid="dead-letters">
      <div class="row">
        <h3>Dead letters</h3>
        <span class="spacer" />
        <button type="button" class="btn small" disabled={retry.busy} onClick={() => retry.run({ peer: peerId })} data-testid="retry-all">
          Retry all
        </button>
      </div>
      <ErrorNotice error={retry.error} />
      <Async state={letters}>
        {(messages) => (
          <Table
            rows={messages}
            head={
              <>
                <th>Message</th>
                <th>Object</th>
                <th class="num">Attempts</th>
                <th>Last error</th>
                <th>Queued</th>
                <th />
              </>
            }
          >
            {(m) => (
              <tr key={m.id}>
                <td class="nowrap">
                  {m.module} {m.method}
                </td>
                <td>
                  <code>{m.path.join('/')}</code>
                </td>
                <td class="num">{m.attempts}</td>
                <td class="small">
                  {m.last_http_status ? `HTTP ${m.last_http_status}: ` : ''}
                  {m.last_error ?? '—'}
                </td>
                <td class="nowrap small">{formatDateTime(m.created_at)}</td>
                <td>
                  <button type="button" class="btn small" disabled={retry.busy} onClick={() => retry.run({ id: String(m.id) })}>
                    Retry
                  </button>
                </td>
              </tr>
            )}
          </Table>
        )}
      </Async>
    </div>
  );
}
