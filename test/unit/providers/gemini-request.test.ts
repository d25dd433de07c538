// Gemini request lines ({key, request}) for each input kind, structured output and embeddings, plus the
// inline form the SDK is handed and the checks that refuse a job before anything is sent.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GEMINI_MODELS } from '../../../src/main/providers/gemini/models.ts';
import { geminiRequestLine, validateGeminiJob } from '../../../src/main/providers/gemini/request.ts';
import { toInlinedRequest } from '../../../src/main/providers/gemini/inline.ts';
import { mapGeminiState } from '../../../src/main/providers/gemini/status.ts';
import { JobSpecSchema, ModelConfigSchema, type JobSpec } from '../../../src/shared/domain.ts';

const FLASH = GEMINI_MODELS.find((m) => m.id === 'gemini/gemini-2.5-flash')!;
const EMBED = GEMINI_MODELS.find((m) => m.id === 'gemini/gemini-embedding-001')!;
let dir: string;

const job = (fields: Partial<JobSpec>): JobSpec => JobSpecSchema.parse({ id: 'j', label: 'j', model: FLASH.id, ...fields });
async function file(name: string, media_type: string, bytes: Buffer) {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return { path, name, media_type, size: bytes.length, sha256: 'x' };
}
const line = (j: JobSpec, model = FLASH) => geminiRequestLine({ customId: 'abc_1', job: j, model });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gemini-req-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('Gemini request lines', () => {
  it('maps messages, system prompt and params', async () => {
    const l = await line(
      job({
        system: 'You are terse.',
        messages: [
          { role: 'system', content: 'Answer in French.' },
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Bonjour' },
          { role: 'user', content: 'Weather?' },
        ],
        params: { temperature: 0.2, max_tokens: 100, top_p: 0.9 },
      }),
    );
    expect(l).toEqual({
      key: 'abc_1',
      request: {
        contents: [
          { role: 'user', parts: [{ text: 'Hi' }] },
          { role: 'model', parts: [{ text: 'Bonjour' }] },
          { role: 'user', parts: [{ text: 'Weather?' }] },
        ],
        systemInstruction: { parts: [{ text: 'You are terse.\n\nAnswer in French.' }] },
        generationConfig: { temperature: 0.2, maxOutputTokens: 100, topP: 0.9 },
      },
    });
  });

  it('sends a PDF and an image as base64 inlineData before the prompt, and a text file as text', async () => {
    const pdfBytes = Buffer.from('%PDF-1.4 tiny');
    const pdf = await line(job({ file: await file('a.pdf', 'application/pdf', pdfBytes), prompt: 'Summarise' }));
    expect(pdf.request).toEqual({ contents: [{ role: 'user', parts: [{ inlineData: { mimeType: 'application/pdf', data: pdfBytes.toString('base64') } }, { text: 'Summarise' }] }] });
    const png = await line(job({ file: await file('b.png', 'image/PNG', Buffer.from([137, 80, 78, 71])), prompt: 'Describe' }));
    expect(png.request).toMatchObject({ contents: [{ parts: [{ inlineData: { mimeType: 'image/png', data: 'iVBORw==' } }, { text: 'Describe' }] }] });
    const txt = await line(job({ file: await file('notes.txt', 'text/plain', Buffer.from('line one')), prompt: 'Classify' }));
    expect(txt.request).toEqual({ contents: [{ role: 'user', parts: [{ text: '<file name="notes.txt">\nline one\n</file>' }, { text: 'Classify' }] }] });
  });

  it('asks for JSON through responseMimeType and responseJsonSchema', async () => {
    const schema = { type: 'object', properties: { label: { type: 'string', enum: ['a', 'b'] } }, required: ['label'] };
    const l = await line(job({ prompt: 'Label it', schema }));
    expect(l.request).toMatchObject({ generationConfig: { responseMimeType: 'application/json', responseJsonSchema: schema } });
  });

  it('writes an embeddings request', async () => {
    const l = await line(job({ model: EMBED.id, endpoint: 'embeddings', input: ['first', 'second'] }), EMBED);
    expect(l).toEqual({ key: 'abc_1', request: { content: { parts: [{ text: 'first' }, { text: 'second' }] } } });
  });

  it('turns a line into the SDK inline request with the key as metadata', async () => {
    const l = await line(job({ system: 'S', prompt: 'P', params: { temperature: 0 }, schema: { type: 'string' } }));
    expect(toInlinedRequest(l)).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'P' }] }],
      metadata: { key: 'abc_1' },
      config: { temperature: 0, responseMimeType: 'application/json', responseJsonSchema: { type: 'string' }, systemInstruction: { parts: [{ text: 'S' }] } },
    });
  });
});

describe('Gemini job validation, catalog and states', () => {
  it('refuses what Gemini cannot take', async () => {
    expect(validateGeminiJob(job({ prompt: 'ok' }), FLASH)).toEqual([]);
    expect(validateGeminiJob(job({}), FLASH)).toEqual(['the job has no messages, prompt or file']);
    const gif = await file('c.gif', 'image/gif', Buffer.from('GIF89a'));
    expect(validateGeminiJob(job({ file: gif, prompt: 'x' }), FLASH)[0]).toMatch(/does not accept image\/gif/);
    expect(validateGeminiJob(job({ prompt: 'x', citations: true }), FLASH)[0]).toMatch(/citations/);
    expect(validateGeminiJob(job({ prompt: 'x', endpoint: 'embeddings' }), FLASH)[0]).toMatch(/embeddings endpoint/);
    expect(validateGeminiJob(job({ model: EMBED.id, endpoint: 'embeddings' }), EMBED)).toEqual(['an embeddings job needs input']);
    expect(validateGeminiJob(job({ prompt: 'x', params: { max_tokens: 10_000_000 } }), FLASH)[0]).toMatch(/max_tokens/);
    const huge = { ...(await file('d.pdf', 'application/pdf', Buffer.from('%PDF'))), size: 25 * 1024 * 1024 };
    expect(validateGeminiJob(job({ file: huge, prompt: 'x' }), FLASH)[0]).toMatch(/20 MB/);
  });

  it('has a valid catalog with batch prices and sources', () => {
    expect(GEMINI_MODELS.length).toBeGreaterThanOrEqual(4);
    for (const model of GEMINI_MODELS) {
      expect(() => ModelConfigSchema.parse(model)).not.toThrow();
      expect(model.id.startsWith('gemini/')).toBe(true);
      // A model whose price could not be verified is listed with price null (cost unknown), never with a guess.
      if (model.price === null) continue;
      expect(model.price.batch_discount).toBe(0.5);
      expect(model.price.source).toMatch(/^https:\/\//);
    }
    expect(GEMINI_MODELS.filter((m) => m.price === null).map((m) => m.id)).toEqual(['gemini/gemini-3.5-flash-lite']);
  });

  it('maps wire and SDK states to our enum', () => {
    expect(['BATCH_STATE_PENDING', 'JOB_STATE_RUNNING', 'BATCH_STATE_SUCCEEDED', 'JOB_STATE_FAILED', 'BATCH_STATE_CANCELLED', 'BATCH_STATE_EXPIRED', 'JOB_STATE_CANCELLING'].map(mapGeminiState)).toEqual([
      'validating',
      'in_progress',
      'completed',
      'failed',
      'cancelled',
      'expired',
      'cancelling',
    ]);
  });
});
