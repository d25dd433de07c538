// What the Anthropic fake answers to one request: deterministic text, a JSON value that satisfies the
// request's schema, citations for documents with citations enabled, and usage: text counted with gpt-tokenizer,
// images and PDFs by Anthropic's documented rules (file-usage.ts), so estimates can be checked against it.
// Used by anthropic-server.ts only.
import { countTokens } from 'gpt-tokenizer';
import { anthropicImage, anthropicPdf, decodeBase64, imageDimensions, readPdf } from './file-usage.ts';
import { sampleFromSchema as sampleValue } from '../../src/main/core/schema-sample.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every text part of a request: system prompt, text blocks and plain-text documents, in order. */
export function textParts(params: Json): string[] {
  const parts: string[] = [];
  if (typeof params.system === 'string') parts.push(params.system);
  if (Array.isArray(params.system)) for (const b of params.system) if (isObject(b) && typeof b.text === 'string') parts.push(b.text);
  for (const message of Array.isArray(params.messages) ? params.messages : []) {
    if (!isObject(message)) continue;
    if (typeof message.content === 'string') parts.push(message.content);
    else if (Array.isArray(message.content)) parts.push(...blockTexts(message.content));
  }
  return parts;
}

function blockTexts(blocks: unknown[]): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    if (!isObject(block)) continue;
    if (block.type === 'text' && typeof block.text === 'string') out.push(block.text);
    if (block.type === 'document' && isObject(block.source) && block.source.type === 'text' && typeof block.source.data === 'string') {
      out.push(block.source.data);
    }
  }
  return out;
}

/** Image and PDF blocks of the request, billed by Anthropic's rules. */
function fileTokens(params: Json): number {
  let tokens = 0;
  for (const message of Array.isArray(params.messages) ? params.messages.filter(isObject) : []) {
    for (const block of Array.isArray(message.content) ? message.content.filter(isObject) : []) {
      const source = isObject(block.source) ? block.source : null;
      if (!source || source.type !== 'base64' || typeof source.data !== 'string') continue;
      const bytes = decodeBase64(source.data);
      if (block.type === 'image') {
        const { width, height } = imageDimensions(bytes);
        tokens += anthropicImage(width, height);
      } else if (block.type === 'document' && source.media_type === 'application/pdf') tokens += anthropicPdf(readPdf(bytes));
    }
  }
  return tokens;
}

/** The structured-output schema the request carries (output_config.format or forced tools), as the model reads it. */
function schemaTokens(params: Json): number {
  const format = isObject(params.output_config) && isObject(params.output_config.format) ? params.output_config.format.schema : undefined;
  const tools = Array.isArray(params.tools) ? params.tools.filter(isObject).map((t) => t.input_schema) : [];
  return [format, ...tools].filter((s) => s !== undefined).reduce<number>((sum, s) => sum + countTokens(JSON.stringify(s)), 0);
}

export function inputTokens(params: Json): number {
  return textParts(params).reduce((sum, text) => sum + countTokens(text), 0) + schemaTokens(params) + fileTokens(params);
}

export function lastUserText(params: Json): string {
  const messages = Array.isArray(params.messages) ? params.messages.filter(isObject) : [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== 'user') continue;
    const texts = typeof m.content === 'string' ? [m.content] : Array.isArray(m.content) ? m.content.filter(isObject).filter((b) => b.type === 'text').map((b) => String(b.text)) : [];
    if (texts.length > 0) return texts.join('\n');
  }
  return '';
}


interface DocumentInfo {
  index: number;
  title: string | null;
  kind: 'pdf' | 'text';
  data: string;
}

function citedDocuments(params: Json): DocumentInfo[] {
  const docs: DocumentInfo[] = [];
  for (const message of Array.isArray(params.messages) ? params.messages.filter(isObject) : []) {
    if (!Array.isArray(message.content)) continue;
    for (const block of message.content.filter(isObject)) {
      if (block.type !== 'document' || !isObject(block.source)) continue;
      const index = docs.length;
      const enabled = isObject(block.citations) && block.citations.enabled === true;
      const kind = block.source.type === 'text' ? 'text' : 'pdf';
      if (enabled) docs.push({ index, title: typeof block.title === 'string' ? block.title : null, kind, data: String(block.source.data ?? '') });
    }
  }
  return docs;
}

function citation(doc: DocumentInfo): Json {
  const base = { document_index: doc.index, document_title: doc.title, file_id: null };
  if (doc.kind === 'text') {
    const cited = doc.data.slice(0, 40);
    return { type: 'char_location', cited_text: cited, ...base, start_char_index: 0, end_char_index: cited.length };
  }
  return { type: 'page_location', cited_text: 'Text quoted from page one.', ...base, start_page_number: 1, end_page_number: 2 };
}

/** The assistant message content and usage for one request. */
export function answer(params: Json, messageId: string): Json {
  const format = isObject(params.output_config) && isObject(params.output_config.format) ? params.output_config.format : null;
  const choice = isObject(params.tool_choice) ? params.tool_choice : null;
  const tools = Array.isArray(params.tools) ? params.tools.filter(isObject) : [];
  const forced = choice?.type === 'tool' ? tools.find((t) => t.name === choice.name) : undefined;
  let content: Json[];
  let outputText: string;
  let stopReason = 'end_turn';
  if (forced) {
    const input = sampleValue(forced.input_schema);
    outputText = JSON.stringify(input);
    content = [{ type: 'tool_use', id: `toolu_${messageId}`, name: forced.name, input, caller: { type: 'direct' } }];
    stopReason = 'tool_use';
  } else {
    outputText = format ? JSON.stringify(sampleValue(format.schema)) : `fake answer to: ${lastUserText(params).slice(0, 60)}`;
    const citations = citedDocuments(params).map(citation);
    content = [{ type: 'text', text: outputText, citations: citations.length > 0 ? citations : null }];
  }
  return {
    id: messageId,
    type: 'message',
    role: 'assistant',
    model: params.model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: {
      input_tokens: inputTokens(params),
      output_tokens: countTokens(outputText),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    },
  };
}
