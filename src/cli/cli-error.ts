/** The one error type of the CLI: a message for the operator and the exit code scripts can test. */
export class CliError extends Error {
  constructor(
    message: string,
    /** 2 for usage and input errors, 1 for failures of the service or a partner. */
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
