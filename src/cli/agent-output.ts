import { safeText } from '../core/safe-text';
import { safeJson } from './writers';

/** The lines of a long-running command (`ecelog signals`, `ecelog ship`) on stderr. */
export interface AgentOutput<Status extends object, Stats extends object> {
  readonly json: boolean;
  /** A periodic status: `text` as a line, or the object as JSON (`message: "status"`). */
  readonly status: (text: string, status: Status) => void;
  /** A line of information, with fields for JSON. */
  readonly info: (message: string, fields?: object) => void;
  readonly warning: (message: string) => void;
  /** The stop summary: `summaryLine(stats)`, or the object as JSON (`message: "stopped"`). */
  readonly stopped: (stats: Stats) => void;
  readonly error: (err: unknown) => void;
}

/**
 * Where a command's lines go: stderr, as text (`ecelog NAME: ...`) or one JSON object a line
 * (`time`, `level`, `message` and the fields). An error on stderr (EPIPE when its reader is gone,
 * ENOSPC, ...) silences them and never stops the command: the lines are a view of its work, not
 * part of it.
 */
export function agentOutput<Status extends object, Stats extends object>(
  name: string,
  json: boolean,
  summaryLine: (stats: Stats) => string,
): AgentOutput<Status, Stats> {
  let broken = false;
  process.stderr.on('error', () => {
    broken = true;
  });
  const write = (text: string): void => {
    if (broken) return;
    try {
      process.stderr.write(text);
    } catch {
      broken = true;
    }
  };
  const line = (level: 'info' | 'warn' | 'error', message: string, fields: object = {}): void =>
    write(
      json
        ? `${safeJson({ time: new Date().toISOString(), level, message, ...fields })}\n`
        : `ecelog ${name}: ${level === 'warn' ? 'warning: ' : ''}${safeText(message)}\n`,
    );
  return {
    json,
    status: (text, status) => (json ? line('info', 'status', status) : line('info', text)),
    info: (message, fields) => line('info', message, fields),
    warning: (message) => line('warn', message),
    stopped: (stats) => (json ? line('info', 'stopped', stats) : line('info', summaryLine(stats))),
    error: (err) => line('error', (err instanceof Error ? err.message : String(err)).replace(/^ecelog: /, '')),
  };
}
