// Structured output from a JSON Schema through the API's own mechanisms: the structured-output feature
// (output_config.format) or a forced tool whose input_schema is the schema. Either way the result's text is
// the JSON document (results.ts turns a forced tool call's input into JSON text).
import type { MessageCreateParamsNonStreaming, Tool } from '@anthropic-ai/sdk/resources/messages/messages';
import type { JsonSchema } from '../../../shared/domain.ts';
import type { StructuredMode } from './models.ts';

/** Name of the tool a forced-tool request must call; results.ts reads its input back as the answer. */
export const STRUCTURED_TOOL_NAME = 'record_answer';

/**
 * The structured-output feature accepts only closed objects: every object without an explicit
 * `additionalProperties` gets `false`. Nested schemas (properties, items, anyOf, $defs...) are walked too.
 */
export function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' || key === '$defs' || key === 'definitions') {
      out[key] = Object.fromEntries(Object.entries((value ?? {}) as Record<string, unknown>).map(([k, v]) => [k, closeObjects(v)]));
    } else if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') {
      out[key] = value;
    } else {
      out[key] = typeof value === 'object' ? closeObjects(value) : value;
    }
  }
  const isObject = out.type === 'object' || (out.properties !== undefined && out.type === undefined);
  if (isObject && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

/** Problems with a schema for this mechanism (empty = fine). */
export function schemaProblems(schema: JsonSchema, mode: StructuredMode): string[] {
  if (mode === 'forced_tool' && schema.type !== 'object') {
    return ['Anthropic structured output through a tool needs a schema whose top level is an object ("type": "object").'];
  }
  return [];
}

export function applyStructuredOutput(params: MessageCreateParamsNonStreaming, schema: JsonSchema, mode: StructuredMode): void {
  if (mode === 'json_schema') {
    params.output_config = { format: { type: 'json_schema', schema: closeObjects(schema) as Record<string, unknown> } };
    return;
  }
  const tool: Tool = {
    name: STRUCTURED_TOOL_NAME,
    description: 'Record the answer. Always call this tool with the complete answer as its input.',
    input_schema: schema as Tool.InputSchema,
  };
  params.tools = [tool];
  params.tool_choice = { type: 'tool', name: STRUCTURED_TOOL_NAME };
}
