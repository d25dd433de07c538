// API keys from environment variables. They override the keychain (src/main/secrets/keychain.ts).
import { REAL_PROVIDER_NAMES, type RealProvider } from '../../shared/domain.ts';

export type { RealProvider };
export const REAL_PROVIDERS: readonly RealProvider[] = REAL_PROVIDER_NAMES;

export const KEY_ENV_VARS: Record<RealProvider, string[]> = {
  openai: ['OPENAI_API_KEY'],
  anthropic: ['ANTHROPIC_API_KEY'],
  gemini: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
};

export const BASE_URL_ENV_VARS: Record<RealProvider, string[]> = {
  openai: ['OPENAI_BASE_URL'],
  anthropic: ['ANTHROPIC_BASE_URL'],
  gemini: ['GEMINI_BASE_URL', 'GOOGLE_GEMINI_BASE_URL'],
};

export function firstEnv(names: string[], env: NodeJS.ProcessEnv = process.env): { name: string; value: string } | null {
  for (const name of names) {
    const value = env[name];
    if (value && value.trim() !== '') return { name, value: value.trim() };
  }
  return null;
}
