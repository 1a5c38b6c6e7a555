/** Why the engine refused its input; `code` is stable, `message` explains. */
export type TariffErrorCode =
  | 'INVALID_TARIFF'
  | 'INVALID_TIME_ZONE'
  | 'INVALID_TIMELINE'
  | 'INVALID_RESERVATION'
  | 'INVALID_CDR'
  | 'INVALID_PLAN'
  | 'TARIFF_NOT_ACTIVE';

export class TariffError extends Error {
  override readonly name = 'TariffError';

  constructor(
    readonly code: TariffErrorCode,
    message: string,
  ) {
    super(message);
  }
}
