// What a provider's own lines say, read for a methods record (issue 18): the parameters one request line sent
// (message content left out, the schema replaced by a pointer to schema.json) and the model id a result line names
// (the dated snapshot the provider answered with, where it reports one). Wire formats are the adapters' business,
// so this reading lives here, next to them.
import type { ProviderName } from '../../shared/domain.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

interface WireFacts {
  /** Where the request's parameters sit in a line (null: the line itself). */
  params: (line: Json) => unknown;
  /** Message content: left out. */
  content: readonly string[];
  /** Keys whose value is the JSON Schema: replaced by a pointer. */
  schema: readonly string[];
  /** Batchdesk's parameter names → the wire names that carry them. */
  names: Record<'max_tokens' | 'temperature' | 'top_p', readonly string[]>;
  /** The model id a raw result line reports. */
  returned: (line: Json) => unknown;
}

const FACTS: Record<ProviderName, WireFacts> = {
  openai: {
    params: (line) => ({ url: line.url, ...(isObject(line.body) ? line.body : {}) }),
    content: ['messages', 'input', 'instructions'],
    schema: ['schema'],
    names: { max_tokens: ['max_completion_tokens', 'max_output_tokens'], temperature: ['temperature'], top_p: ['top_p'] },
    returned: (line) => (line.response as Json | undefined)?.body && ((line.response as Json).body as Json).model,
  },
  anthropic: {
    params: (line) => line.params,
    content: ['messages', 'system'],
    schema: ['schema', 'input_schema'],
    names: { max_tokens: ['max_tokens'], temperature: ['temperature'], top_p: ['top_p'] },
    returned: (line) => ((line.result as Json | undefined)?.message as Json | undefined)?.model,
  },
  gemini: {
    params: (line) => line.request,
    content: ['contents', 'systemInstruction', 'content'],
    schema: ['responseJsonSchema', 'responseSchema'],
    names: { max_tokens: ['maxOutputTokens'], temperature: ['temperature'], top_p: ['topP'] },
    returned: (line) => (line.response as Json | undefined)?.modelVersion,
  },
  demo: {
    params: (line) => line,
    content: ['text', 'system', 'custom_id'],
    schema: ['schema'],
    names: { max_tokens: ['max_tokens'], temperature: [], top_p: [] },
    returned: (line) => line.model,
  },
};

export const SCHEMA_POINTER = 'see schema.json';

function withoutSchemas(value: unknown, keys: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutSchemas(v, keys));
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, keys.includes(k) ? SCHEMA_POINTER : withoutSchemas(v, keys)]));
}

/** The parameters a request line sent, content left out; null when the line is not the provider's shape. */
export function sentParameters(provider: ProviderName, line: unknown): Json | null {
  if (!isObject(line)) return null;
  const facts = FACTS[provider];
  const params = facts.params(line);
  if (!isObject(params)) return null;
  const kept = Object.fromEntries(Object.entries(params).filter(([key]) => !facts.content.includes(key)));
  return withoutSchemas(kept, facts.schema) as Json;
}

/** A Batchdesk parameter (max_tokens, temperature, top_p) as the sent parameters carry it, found at any depth. */
export function sentValue(provider: ProviderName, sent: Json, name: keyof WireFacts['names']): unknown {
  const wanted = FACTS[provider].names[name];
  const walk = (value: unknown): unknown => {
    if (!isObject(value)) return undefined;
    for (const [key, v] of Object.entries(value)) {
      if (wanted.includes(key)) return v;
      const found = walk(v);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(sent);
}

/** The model id a raw result line names, or null when it names none. */
export function returnedModel(provider: ProviderName, raw: string | null): string | null {
  if (raw === null) return null;
  try {
    const line = JSON.parse(raw) as unknown;
    const model = isObject(line) ? FACTS[provider].returned(line) : undefined;
    return typeof model === 'string' && model ? model : null;
  } catch {
    return null;
  }
}
