// JSON Schema → the form OpenAI's strict structured output accepts: every object lists all its properties
// as required and sets additionalProperties: false. Making optional properties required keeps the answer
// valid against the user's original schema (which is what results are validated against).
import type { JsonSchema } from '../../../shared/domain.ts';

const SUBSCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const;
const SUBSCHEMA_MAPS = ['$defs', 'definitions'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strictNode(node: unknown): unknown {
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = { ...node };
  if (isRecord(node.properties)) {
    const properties: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node.properties)) properties[key] = strictNode(value);
    out.properties = properties;
    out.required = Object.keys(properties);
  }
  const isObject =
    node.type === 'object' ||
    (Array.isArray(node.type) && node.type.includes('object')) ||
    isRecord(node.properties);
  if (isObject && out.additionalProperties !== false) out.additionalProperties = false;
  if (node.items !== undefined) out.items = strictNode(node.items);
  for (const key of SUBSCHEMA_LISTS) {
    const list = node[key];
    if (Array.isArray(list)) out[key] = list.map(strictNode);
  }
  for (const key of SUBSCHEMA_MAPS) {
    const map = node[key];
    if (isRecord(map)) out[key] = Object.fromEntries(Object.entries(map).map(([k, v]) => [k, strictNode(v)]));
  }
  return out;
}

export function toStrictSchema(schema: JsonSchema): JsonSchema {
  return strictNode(schema) as JsonSchema;
}

/** The json_schema `name` (^[a-zA-Z0-9_-]{1,64}$), from the schema's title where it has one. */
export function schemaName(schema: JsonSchema): string {
  const title =
    typeof schema.title === 'string' ? schema.title.replace(/[^a-zA-Z0-9_-]+/g, '_').slice(0, 64) : '';
  return title.replace(/^_+|_+$/g, '') || 'result';
}

/** Problems that stop OpenAI's strict mode from taking this schema (empty = fine). */
export function strictSchemaProblems(schema: JsonSchema): string[] {
  const problems: string[] = [];
  if (schema.type !== 'object')
    problems.push('OpenAI structured output needs a schema whose root is an object (type: "object")');
  return problems;
}
