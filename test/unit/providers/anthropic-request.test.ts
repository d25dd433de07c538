// Request lines for each input kind, structured output per model, and the checks made before sending.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment, JobSpec, ModelConfig } from '../../../src/shared/domain.ts';
import { createAnthropicProvider, ANTHROPIC_MODELS } from '../../../src/main/providers/anthropic/index.ts';
import { apiModelId, modelTraits } from '../../../src/main/providers/anthropic/models.ts';
import { requestLine, type AnthropicRequestLine } from '../../../src/main/providers/anthropic/request.ts';
import { closeObjects } from '../../../src/main/providers/anthropic/structured.ts';
import { validateJob } from '../../../src/main/providers/anthropic/validate.ts';

const model = (id: string): ModelConfig => ANTHROPIC_MODELS.find((m) => m.id === `anthropic/${id}`)!;
const SONNET = model('claude-sonnet-5-5');
const HAIKU_45 = model('claude-haiku-4-5');
const job = (over: Partial<JobSpec> = {}): JobSpec => ({ id: 'j1', label: 'j', model: SONNET.id, endpoint: 'chat', params: {}, ...over });
const line = async (j: JobSpec, m = SONNET): Promise<AnthropicRequestLine> => requestLine({ customId: 'abcd1234_0', job: j, model: m });

let dir: string;
const files: Record<string, Attachment> = {};
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bd-anth-req-'));
  const make = async (name: string, mediaType: string, bytes: Buffer) => {
    const path = join(dir, name);
    await writeFile(path, bytes);
    files[name] = { path, name, media_type: mediaType, size: bytes.length, sha256: 'x' };
  };
  await make('a.pdf', 'application/pdf', Buffer.from('%PDF-1.4 fake'));
  await make('b.jpg', 'image/jpeg', Buffer.from([0xff, 0xd8, 0xff]));
  await make('c.csv', 'text/csv', Buffer.from('a,b\n1,2\n'));
  await make('d.json', 'application/json', Buffer.from('{"k":1}'));
  await make('e.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', Buffer.from('PK'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('Anthropic request lines', () => {
  it('builds a messages job with system prompt (including system-role messages) and params', async () => {
    const l = await line(
      job({
        system: 'Be brief.',
        messages: [
          { role: 'system', content: 'Answer in French.' },
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Bonjour' },
          { role: 'user', content: 'Capital of Italy?' },
        ],
        params: { max_tokens: 300 },
      }),
    );
    expect(l).toEqual({
      custom_id: 'abcd1234_0',
      params: {
        model: 'claude-sonnet-5-5',
        max_tokens: 300,
        system: 'Be brief.\n\nAnswer in French.',
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Bonjour' },
          { role: 'user', content: 'Capital of Italy?' },
        ],
      },
    });
  });

  it('defaults max_tokens and passes temperature / top_p as given', async () => {
    const l = await line(job({ prompt: 'x', params: { temperature: 0.2 } }), HAIKU_45);
    expect(l.params.max_tokens).toBe(4096);
    expect(l.params.temperature).toBe(0.2);
    expect(l.params.top_p).toBeUndefined();
  });

  it('sends a PDF as a base64 document, with citations when asked', async () => {
    const l = await line(job({ file: files['a.pdf'], prompt: 'Summarise', citations: true }));
    expect(l.params.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: Buffer.from('%PDF-1.4 fake').toString('base64') }, title: 'a.pdf', citations: { enabled: true } },
          { type: 'text', text: 'Summarise' },
        ],
      },
    ]);
  });

  it('sends an image as a base64 image block', async () => {
    const l = await line(job({ file: files['b.jpg'], prompt: 'What is this?' }));
    expect((l.params.messages[0]!.content as unknown[])[0]).toEqual({ type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/' } });
  });

  it('inlines text files (CSV, JSON) as text, or as a plain-text document for citations', async () => {
    const csv = await line(job({ file: files['c.csv'], prompt: 'Sum b' }));
    expect((csv.params.messages[0]!.content as unknown[])[0]).toEqual({ type: 'text', text: 'File c.csv:\n\na,b\n1,2\n' });
    const json = await line(job({ file: files['d.json'], prompt: 'k?', citations: true }));
    expect((json.params.messages[0]!.content as unknown[])[0]).toEqual({
      type: 'document',
      source: { type: 'text', media_type: 'text/plain', data: '{"k":1}' },
      title: 'd.json',
      citations: { enabled: true },
    });
  });

  it('uses output_config.format on current models and a forced tool on Claude 4.x', async () => {
    const schema = { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'string' } } } }, required: ['a'] };
    const current = await line(job({ prompt: 'x', schema }));
    expect(current.params.output_config).toEqual({
      format: {
        type: 'json_schema',
        schema: { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'string' } }, additionalProperties: false } }, required: ['a'], additionalProperties: false },
      },
    });
    expect(current.params.tools).toBeUndefined();
    const older = await line(job({ prompt: 'x', schema }), HAIKU_45);
    expect(older.params.tool_choice).toEqual({ type: 'tool', name: 'record_answer' });
    expect(older.params.tools![0]).toMatchObject({ name: 'record_answer', input_schema: schema });
    expect(older.params.output_config).toBeUndefined();
  });

  it('keeps an explicit additionalProperties and leaves enum values alone', () => {
    expect(closeObjects({ type: 'object', additionalProperties: true, properties: { e: { enum: [{ type: 'object' }] } } })).toEqual({
      type: 'object',
      additionalProperties: true,
      properties: { e: { enum: [{ type: 'object' }] } },
    });
  });

  it('refuses a custom_id the API would reject', async () => {
    await expect(requestLine({ customId: 'has space', job: job({ prompt: 'x' }), model: SONNET })).rejects.toThrow(/custom_id/);
    await expect(requestLine({ customId: 'x'.repeat(65), job: job({ prompt: 'x' }), model: SONNET })).rejects.toThrow(/custom_id/);
  });

  it('maps catalog ids to API ids and knows each model\'s traits', () => {
    expect(apiModelId(SONNET)).toBe('claude-sonnet-5-5');
    expect(apiModelId({ id: 'anthropic/claude-future-9' })).toBe('claude-future-9');
    expect(modelTraits({ id: 'anthropic/claude-future-9' })).toEqual({ sampling: 'any', structured: 'json_schema' });
    for (const m of ANTHROPIC_MODELS) {
      expect(m.price?.batch_discount).toBe(0.5);
      expect(m.price?.source).toMatch(/^https:\/\//);
    }
  });
});

describe('Anthropic validateJob', () => {
  it('accepts a plain job', () => {
    expect(validateJob(job({ prompt: 'hello' }), SONNET)).toEqual([]);
  });
  it('rejects embeddings, empty jobs, unsupported files and oversized images', () => {
    expect(validateJob(job({ endpoint: 'embeddings', input: 'x' }), SONNET).join()).toMatch(/Anthropic has no embeddings API/);
    expect(validateJob(job(), SONNET).join()).toMatch(/no messages, prompt or file/);
    expect(validateJob(job({ file: files['e.docx'], prompt: 'x' }), SONNET).join()).toMatch(/not application\/vnd/);
    expect(validateJob(job({ file: { ...files['b.jpg']!, size: 6 * 1024 * 1024 }, prompt: 'x' }), SONNET).join()).toMatch(/5 MB/);
  });
  it('checks sampling parameters per model', () => {
    expect(validateJob(job({ prompt: 'x', params: { temperature: 0 } }), SONNET).join()).toMatch(/does not accept temperature/);
    expect(validateJob(job({ prompt: 'x', params: { temperature: 0.5, top_p: 0.9 } }), HAIKU_45).join()).toMatch(/not both/);
    expect(validateJob(job({ prompt: 'x', params: { temperature: 0.5 } }), HAIKU_45)).toEqual([]);
    expect(validateJob(job({ prompt: 'x', params: { temperature: 1.5 } }), HAIKU_45).join()).toMatch(/maximum of 1/);
    expect(validateJob(job({ prompt: 'x', params: { max_tokens: 200_000 } }), SONNET).join()).toMatch(/output limit/);
  });
  it('checks citations and schemas', () => {
    expect(validateJob(job({ prompt: 'x', citations: true }), SONNET).join()).toMatch(/PDF or text file/);
    expect(validateJob(job({ file: files['a.pdf'], prompt: 'x', citations: true }), SONNET)).toEqual([]);
    expect(validateJob(job({ file: files['a.pdf'], prompt: 'x', citations: true, schema: { type: 'object' } }), SONNET).join()).toMatch(/cannot combine/);
    expect(validateJob(job({ prompt: 'x', schema: { type: 'array' } }), HAIKU_45).join()).toMatch(/top level is an object/);
  });
});

describe('Anthropic token estimate without a key', () => {
  it('uses the approximation (about 4 characters a token) including text files', async () => {
    const provider = createAnthropicProvider({ apiKey: null });
    expect(await provider.estimateInputTokens!(job({ prompt: 'x'.repeat(400) }), SONNET)).toBe(100 + 4);
    expect(await provider.estimateInputTokens!(job({ prompt: '', file: files['c.csv'] }), SONNET)).toBe(2 + 4);
  });
});
