// The monitor's alerting settings: flag, then HOLDFAST_MONITOR_* variable, then default; a bad value is one usage line.
import { UsageError } from '../cli/usage-error.ts';

export const defaults = { alertReminder: '30m', resolveAfter: '2' };

export interface AlertSettings {
  reminderMs: number;
  resolveAfterCycles: number;
}

export function parseDuration(value: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!match) throw new UsageError(`${flag}: expected a duration like 30s, 5m, 1h or milliseconds, got "${value}"`);
  const factor = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[match[2] ?? 'ms'];
  return Number(match[1]) * factor!;
}

export function alertSettings(flags: { 'alert-reminder'?: string; 'resolve-after'?: string }, env: NodeJS.ProcessEnv = process.env): AlertSettings {
  const reminder = pick(flags['alert-reminder'], '--alert-reminder', env.HOLDFAST_MONITOR_ALERT_REMINDER, 'HOLDFAST_MONITOR_ALERT_REMINDER', defaults.alertReminder);
  const resolveAfter = pick(flags['resolve-after'], '--resolve-after', env.HOLDFAST_MONITOR_RESOLVE_AFTER, 'HOLDFAST_MONITOR_RESOLVE_AFTER', defaults.resolveAfter);
  const cycles = Number(resolveAfter.value);
  if (!Number.isInteger(cycles) || cycles < 1) throw new UsageError(`${resolveAfter.name}: expected a whole number of cycles ≥ 1, got "${resolveAfter.value}"`);
  return { reminderMs: parseDuration(reminder.value, reminder.name), resolveAfterCycles: cycles };
}

function pick(flag: string | undefined, flagName: string, variable: string | undefined, variableName: string, fallback: string) {
  if (flag !== undefined) return { value: flag, name: flagName };
  if (variable) return { value: variable, name: variableName };
  return { value: fallback, name: flagName };
}
