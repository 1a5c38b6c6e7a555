/** An admin API error as the console shows it: the API's message, and the field it names. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field: string | null,
  ) {
    super(message);
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

/** One page of an admin list and how many items match in all (the `x-total-count` header). */
export interface Page<T> {
  items: T[];
  total: number;
}

/** A file the API answered with, for the browser to save. */
export interface Download {
  blob: Blob;
  filename: string;
}

/**
 * Talks to evroam's admin API (same origin, `/api`) with the admin token; every answer that is
 * not a 2xx becomes an ApiRequestError carrying the API's `{"error": {status, message, field}}`.
 */
export class ApiClient {
  constructor(
    private readonly token: string,
    private readonly onUnauthorized: () => void = () => undefined,
  ) {}

  get<T>(path: string, query?: Query): Promise<T> {
    return this.json<T>('GET', path, undefined, query);
  }

  /** A page of a paged admin list (`offset`, `limit`, and its filters in `query`). */
  async page<T>(path: string, query: Query): Promise<Page<T>> {
    const response = await this.send('GET', path + queryString(query));
    const items = (await response.json()) as T[];
    const total = Number(response.headers.get('x-total-count') ?? items.length);
    return { items, total };
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.json<T>('POST', path, body ?? {});
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.json<T>('PUT', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.json<T>('DELETE', path);
  }

  /** A GET whose answer is a file (a CSV export); the name comes from Content-Disposition. */
  async download(path: string, fallbackName: string): Promise<Download> {
    const response = await this.send('GET', path);
    const disposition = response.headers.get('content-disposition') ?? '';
    const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
    return { blob: await response.blob(), filename };
  }

  private async json<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    const response = await this.send(method, path + queryString(query), body);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async send(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.ok) return response;
    if (response.status === 401) this.onUnauthorized();
    throw await errorOf(response);
  }
}

async function errorOf(response: Response): Promise<ApiRequestError> {
  const text = await response.text();
  try {
    const { error } = JSON.parse(text) as { error?: { message?: string; field?: string | null } };
    if (error?.message) return new ApiRequestError(response.status, error.message, error.field ?? null);
  } catch {
    // Not the API's JSON error: a proxy or the static server answered.
  }
  return new ApiRequestError(response.status, `${response.status} ${response.statusText || 'error'}${text ? `: ${text.slice(0, 200)}` : ''}`, null);
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
