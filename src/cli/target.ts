// What `--target` / `--baseline` name: an http(s) URL of the API, or an env file describing a whole stack.
import { readEnvFile } from '../config/load.ts';

/** Environment variables that describe the target; merged under the real environment by loadConfig. */
export function targetEnv(value: string | undefined): Record<string, string> {
  if (!value) return {};
  if (/^https?:\/\//.test(value)) return { HOLDFAST_BASE_URL: value };
  return readEnvFile(value);
}
