// OpenAI request lines for each input kind and structured output, plus validation and token estimates.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countTokens } from 'gpt-tokenizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobSpecSchema, type Attachment, type JobSpec } from '../../../src/shared/domain.ts';
import { approximateFileTokens } from '../../../src/main/core/tokens.ts';
import { createOpenAIProvider, OPENAI_MODELS } from '../../../src/main/providers/openai/index.ts';

const provider = createOpenAIProvider({ apiKey: null });
const MODEL = OPENAI_MODELS.find((m) => m.id === 'openai/gpt-4.1-mini')!;
const EMBED = OPENAI_MODELS.find((m) => m.id === 'openai/text-embedding-3-small')!;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bd-openai-req-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const job = (fields: Partial<JobSpec>): JobSpec =>
  JobSpecSchema.parse({ id: 'j', label: 'j', model: MODEL.id, ...fields });
const line = async (fields: Partial<JobSpec>, model = MODEL) =>
  (await provider.requestLine({ customId: 'c-1', job: job(fields), model })) as {
    custom_id: string;
    method: string;
    url: string;
    body: Record<string, unknown>;
  };

async function file(name: string, mediaType: string, content: string | Buffer): Promise<Attachment> {
  const path = join(dir, name);
  await writeFile(path, content);
  return { path, name, media_type: mediaType, size: Buffer.byteLength(content), sha256: 'x' };
}

describe('OpenAI request lines', () => {
  it('builds a chat completions line with system prompt, messages and params', async () => {
    const l = await line({
      system: 'Be terse.',
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
      ],
      prompt: 'And now?',
      params: { temperature: 0.3, top_p: 0.9, max_tokens: 50 },
    });
    expect(l).toEqual({
      custom_id: 'c-1',
      method: 'POST',
      url: '/v1/chat/completions',
      body: {
        model: 'gpt-4.1-mini',
        messages: [
          { role: 'system', content: 'Be terse.' },
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
          { role: 'user', content: 'And now?' },
        ],
        temperature: 0.3,
        top_p: 0.9,
        max_completion_tokens: 50,
      },
    });
  });

  it('builds a Responses line with instructions and max_output_tokens', async () => {
    const l = await line({
      endpoint: 'responses',
      system: 'Be terse.',
      prompt: 'Hi',
      params: { max_tokens: 20 },
    });
    expect(l.url).toBe('/v1/responses');
    expect(l.body).toEqual({
      model: 'gpt-4.1-mini',
      instructions: 'Be terse.',
      input: [{ role: 'user', content: 'Hi' }],
      max_output_tokens: 20,
    });
  });

  it('sends a PDF as a file part (chat) and an input_file (responses), file before prompt', async () => {
    const pdf = await file('a.pdf', 'application/pdf', '%PDF-1.4 tiny');
    const data = `data:application/pdf;base64,${Buffer.from('%PDF-1.4 tiny').toString('base64')}`;
    const chat = await line({ file: pdf, prompt: 'Summarise' });
    expect(chat.body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'file', file: { filename: 'a.pdf', file_data: data } },
          { type: 'text', text: 'Summarise' },
        ],
      },
    ]);
    const responses = await line({ endpoint: 'responses', file: pdf, prompt: 'Summarise' });
    expect(responses.body.input).toEqual([
      {
        role: 'user',
        content: [
          { type: 'input_file', filename: 'a.pdf', file_data: data },
          { type: 'input_text', text: 'Summarise' },
        ],
      },
    ]);
  });

  it.each(['image/png', 'image/jpeg', 'image/gif', 'image/webp'])(
    'sends %s as an image part',
    async (type) => {
      const image = await file(`img.${type.split('/')[1]}`, type, Buffer.from([1, 2, 3]));
      const url = `data:${type};base64,AQID`;
      expect((await line({ file: image, prompt: 'Describe' })).body.messages).toEqual([
        {
          role: 'user',
          content: [
            { type: 'image_url', image_url: { url } },
            { type: 'text', text: 'Describe' },
          ],
        },
      ]);
      const responses = await line({ endpoint: 'responses', file: image, prompt: 'Describe' });
      expect(responses.body.input).toEqual([
        {
          role: 'user',
          content: [
            { type: 'input_image', image_url: url, detail: 'auto' },
            { type: 'input_text', text: 'Describe' },
          ],
        },
      ]);
    },
  );

  it.each([
    ['notes.txt', 'text/plain'],
    ['data.csv', 'text/csv'],
    ['x.json', 'application/json'],
  ])('inlines %s as text', async (name, type) => {
    const text = await file(name, type, 'a,b\n1,2');
    const l = await line({ file: text, prompt: 'Read it' });
    expect(l.body.messages).toEqual([
      { role: 'user', content: `<file name="${name}">\na,b\n1,2\n</file>\n\nRead it` },
    ]);
  });

  it('asks for strict json_schema output on both endpoints', async () => {
    const schema = {
      title: 'Paper: fields!',
      type: 'object',
      properties: {
        title: { type: 'string' },
        authors: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
      },
      required: ['title'],
    };
    const strict = {
      ...schema,
      required: ['title', 'authors'],
      additionalProperties: false,
      properties: {
        title: { type: 'string' },
        authors: {
          type: 'array',
          items: {
            type: 'object',
            properties: { name: { type: 'string' } },
            required: ['name'],
            additionalProperties: false,
          },
        },
      },
    };
    const chat = await line({ prompt: 'x', schema });
    expect(chat.body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'Paper_fields', schema: strict, strict: true },
    });
    const responses = await line({ endpoint: 'responses', prompt: 'x', schema });
    expect(responses.body.text).toEqual({
      format: { type: 'json_schema', name: 'Paper_fields', schema: strict, strict: true },
    });
    expect(schema.required).toEqual(['title']); // the job's own schema is untouched
  });

  it('builds an embeddings line', async () => {
    const l = await line({ model: EMBED.id, endpoint: 'embeddings', input: 'hello world' }, EMBED);
    expect(l).toEqual({
      custom_id: 'c-1',
      method: 'POST',
      url: '/v1/embeddings',
      body: { model: 'text-embedding-3-small', input: 'hello world', encoding_format: 'float' },
    });
  });
});

describe('OpenAI job validation', () => {
  it('accepts a plain job and reports what would fail at OpenAI', async () => {
    expect(provider.validateJob(job({ prompt: 'hi' }), MODEL)).toEqual([]);
    const zip = await file('a.zip', 'application/zip', 'PK');
    expect(provider.validateJob(job({ file: zip, prompt: 'x' }), MODEL)[0]).toMatch(
      /does not accept application\/zip/,
    );
    expect(provider.validateJob(job({ prompt: 'x', schema: { type: 'array' } }), MODEL)[0]).toMatch(
      /root is an object/,
    );
    expect(provider.validateJob(job({ prompt: 'x', params: { max_tokens: 10_000_000 } }), MODEL)[0]).toMatch(
      /above/,
    );
    expect(provider.validateJob(job({ prompt: 'x', endpoint: 'embeddings' }), MODEL)[0]).toMatch(
      /does not support the embeddings endpoint/,
    );
    expect(provider.validateJob(job({ prompt: 'x', citations: true }), MODEL)[0]).toMatch(/citations/);
    expect(provider.validateJob(job({}), MODEL)).toEqual(['the job has no messages, prompt or file']);
    const embed = job({ model: EMBED.id, endpoint: 'embeddings', input: ['a', 'b'] });
    expect(provider.validateJob(embed, EMBED)[0]).toMatch(/one text/);
    const pdf = await file('b.pdf', 'application/pdf', '%PDF');
    expect(
      provider.validateJob(job({ model: EMBED.id, endpoint: 'embeddings', file: pdf }), EMBED),
    ).toContain('embeddings take text only, not a file');
  });
});

describe('OpenAI token estimate', () => {
  it('counts exactly the text parts with the tokenizer', async () => {
    const spec = job({
      system: 'Be terse.',
      messages: [{ role: 'user', content: 'Hello there' }],
      prompt: 'What is 2+2?',
    });
    expect(await provider.estimateInputTokens!(spec, MODEL)).toBe(
      countTokens('Be terse.') + countTokens('Hello there') + countTokens('What is 2+2?'),
    );
  });

  it('adds the approximation for a PDF and does not choke on special-token text', async () => {
    const pdf = await file('c.pdf', 'application/pdf', Buffer.alloc(5_000));
    expect(await provider.estimateInputTokens!(job({ file: pdf, prompt: 'Sum' }), MODEL)).toBe(
      countTokens('Sum') + approximateFileTokens('application/pdf', 5_000),
    );
    expect(await provider.estimateInputTokens!(job({ prompt: 'x <|endoftext|> y' }), MODEL)).toBeGreaterThan(
      3,
    );
  });
});
