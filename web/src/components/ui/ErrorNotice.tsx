import { ApiRequestError } from '../../api/client';

/** An API error as the operator reads it: the message, and the field it is about. */
export function ErrorNotice({ error, testid }: { error: Error | undefined; testid?: string }) {
  if (!error) return null;
  const field = error instanceof ApiRequestError && error.field ? ` (field: ${error.field})` : '';
  return (
    <div class="notice error" role="alert" data-testid={testid ?? 'error'}>
      {error.message}
      {field}
    </div>
  );
}
