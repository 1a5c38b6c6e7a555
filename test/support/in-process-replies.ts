/** An HTTP answer of an in-process service, as tests read it. */
export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

/** The OCPI envelope of a reply. */
export interface OcpiBody<T = unknown> {
  status_code: number;
  status_message?: string;
  data?: T;
}
