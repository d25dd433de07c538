// A deterministic value that satisfies a JSON Schema (types, enums, consts, $refs, anyOf/oneOf/allOf, minimum,
// minItems, minLength), with strings drawn from a seed text. The demo provider simulates structured output with
// it, and the fake provider servers in test/ answer schema requests with it.
import type { JsonSchema } from '../../shared/domain.ts';

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
const pointerToken = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

function words(seed: string, skip: number, count: number): string {
  const list = seed.split(/\s+/).filter(Boolean);
  return list.slice(skip % Math.max(1, list.length)).slice(0, count).join(' ');
}

function resolveRef(ref: string, root: Node): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (isNode(node) ? node[key] : undefined), root);
}

export interface SampleOptions {
  /** Chooses an enum field's value (the demo provider's label mode); path is the field's JSON Pointer, "" for the root. */
  pickEnum?: (values: readonly unknown[], path: string) => unknown;
}

interface Context {
  seed: string;
  root: Node;
  options: SampleOptions;
}

export function sampleFromSchema(schema: JsonSchema | unknown, seed = 'sample', options: SampleOptions = {}): unknown {
  return isNode(schema) ? sample(schema, { seed, root: schema, options }, 0, 0, '') : null;
}

function sample(schema: unknown, ctx: Context, depth: number, index: number, path: string): unknown {
  if (!isNode(schema) || depth > 8) return null;
  const { seed } = ctx;
  if (typeof schema.$ref === 'string') return sample(resolveRef(schema.$ref, ctx.root), ctx, depth + 1, index, path);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return ctx.options.pickEnum ? ctx.options.pickEnum(schema.enum, path) : schema.enum[(seed.length + index) % schema.enum.length];
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) return sample(options[0], ctx, depth + 1, index, path);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'object' || (type === undefined && isNode(schema.properties))) {
    const properties = isNode(schema.properties) ? schema.properties : {};
    return Object.fromEntries(Object.entries(properties).map(([key, sub], i) => [key, sample(sub, ctx, depth + 1, i, `${path}/${pointerToken(key)}`)]));
  }
  switch (type) {
    case 'array': {
      const count = Math.max(1, Number(schema.minItems ?? 1));
      return Array.from({ length: count }, (_, i) => sample(schema.items, ctx, depth + 1, index + i, `${path}/${i}`));
    }
    case 'integer':
      return typeof schema.minimum === 'number' ? Math.ceil(schema.minimum) : (seed.length + index) % 1000;
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : ((seed.length + index) % 1000) / 10;
    case 'boolean':
      return (seed.length + index) % 2 === 0;
    case 'null':
      return null;
    default: {
      const text = words(seed, index, 6) || 'n/a';
      const min = Number(schema.minLength ?? 0);
      const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
      return text.padEnd(min, '.').slice(0, max);
    }
  }
}
