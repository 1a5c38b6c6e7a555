import { Badge, type Tone } from './Badge';

/** The colour of a status word, wherever it comes from (peers, EVSEs, sessions, statements, disputes, authorizations). */
const TONES: Record<string, Tone> = {
  REGISTERED: 'ok',
  CONNECTED: 'ok',
  OFFLINE: 'bad',
  SUSPENDED: 'warn',
  AVAILABLE: 'ok',
  COMPLETED: 'ok',
  ACTIVE: 'info',
  CHARGING: 'info',
  ALLOWED: 'ok',
  ACCEPTED: 'ok',
  DELIVERED: 'ok',
  SETTLED: 'ok',
  RESOLVED: 'ok',
  VALID: 'ok',
  ISSUED: 'info',
  DRAFT: 'neutral',
  INVITED: 'info',
  REGISTERING: 'info',
  PENDING: 'warn',
  IN_FLIGHT: 'info',
  RESERVED: 'info',
  OPEN: 'warn',
  IGNORED: 'neutral',
  WITHDRAWN: 'neutral',
  UNKNOWN: 'neutral',
  PLANNED: 'neutral',
  REMOVED: 'neutral',
  UNREGISTERED: 'neutral',
  BLOCKED: 'bad',
  EXPIRED: 'bad',
  NO_CREDIT: 'bad',
  NOT_ALLOWED: 'bad',
  INVALID: 'bad',
  REJECTED: 'bad',
  DEAD: 'bad',
  INOPERATIVE: 'bad',
  OUTOFORDER: 'bad',
};

export function toneOf(status: string): Tone {
  return TONES[status.toUpperCase()] ?? 'neutral';
}

export function StatusBadge({ status, testid }: { status: string; testid?: string }) {
  return (
    <Badge tone={toneOf(status)} testid={testid}>
      {status.replace(/_/g, ' ')}
    </Badge>
  );
}
