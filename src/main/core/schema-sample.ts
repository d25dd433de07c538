// A deterministic value that satisfies a JSON Schema, derived from a seed text. Used by the demo provider to
// simulate structured output (and by fake servers in tests).
import type { JsonSchema } from '../../shared/domain.ts';

function words(seed: string, count: number): string {
  return seed.split(/\s+/).filter(Boolean).slice(0, count).join(' ') || 'n/a';
}

export function sampleFromSchema(schema: JsonSchema, seed: string, depth = 0): unknown {
  if (depth > 6) return null;
  const enumValues = schema.enum as unknown[] | undefined;
  if (enumValues?.length) return enumValues[seed.length % enumValues.length];
  if (schema.const !== undefined) return schema.const;
  const type = Array.isArray(schema.type) ? (schema.type.find((t) => t !== 'null') as string) : (schema.type as string | undefined);
  switch (type) {
    case 'object':
    case undefined: {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      if (type === undefined && !schema.properties) return words(seed, 6);
      return Object.fromEntries(
        Object.entries(properties).map(([key, sub], i) => [key, sampleFromSchema(sub, `${seed.split(/\s+/).slice(i).join(' ')}`, depth + 1)]),
      );
    }
    case 'array':
      return [sampleFromSchema((schema.items ?? { type: 'string' }) as JsonSchema, seed, depth + 1)];
    case 'integer':
      return seed.length % 1000;
    case 'number':
      return Math.round((seed.length % 1000) * 10) / 100;
    case 'boolean':
      return seed.length % 2 === 0;
    case 'null':
      return null;
    default:
      return words(seed, 6);
  }
}
