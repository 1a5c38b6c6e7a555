/** The one error type of the admin API: an HTTP status, a message, and the field at fault when there is one. */
export class ApiError extends Error {
  constructor(
    readonly httpStatus: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiErrorBody {
  error: { status: number; message: string; field?: string };
}
