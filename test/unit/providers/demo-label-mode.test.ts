// The demo provider's label mode (issue 18 item 2): for enum fields, demo/echo gives a base label chosen by a hash
// of the unit's text and demo/mini departs from it on exactly the units whose draw is below 0.2, so the two models
// disagree on a documented share of rows, with every answer still valid against the schema.
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { agreementReport } from '../../../src/main/analysis/agreement/index.ts';
import { DEMO_LABEL_DISAGREEMENT, demoAnswer, demoLabelDraw, type DemoRequest } from '../../../src/main/providers/demo/answer.ts';

const SENTIMENT = ['very negative', 'negative', 'neutral', 'positive', 'very positive'];
const SCHEMA = {
  type: 'object',
  properties: {
    sentiment: { type: 'string', enum: SENTIMENT },
    relevant: { enum: [true, false] },
    topic: { type: 'string' },
    level: { $ref: '#/$defs/level' },
  },
  required: ['sentiment', 'relevant', 'topic', 'level'],
  additionalProperties: false,
  $defs: { level: { type: 'string', enum: ['low', 'mid', 'high'] } },
};
const UNITS = 10_000;
const texts = Array.from({ length: UNITS }, (_, i) => `Classify this survey answer: "answer number ${i} about the new bus timetable"`);

type Answer = { sentiment: string; relevant: boolean; topic: string; level: string };

function answer(model: string, text: string): Answer {
  const request: DemoRequest = { custom_id: 'x', model, endpoint: 'chat', text, schema: SCHEMA, file_tokens: 0 };
  const line = demoAnswer(request, 'succeeded');
  return JSON.parse(line.text!) as Answer;
}

describe('demo label mode', () => {
  const echo = texts.map((t) => answer('demo/echo', t));
  const mini = texts.map((t) => answer('demo/mini', t));
  const validate = new Ajv({ strict: false }).compile(SCHEMA);

  it('documents demo/echo as the base and demo/mini as departing on 20% of units', () => {
    expect(DEMO_LABEL_DISAGREEMENT).toEqual({ 'demo/echo': 0, 'demo/mini': 0.2 });
  });

  it('keeps every answer of both models valid against the schema', () => {
    for (const value of [...echo, ...mini]) expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });

  it('makes demo/mini differ from demo/echo on exactly the units whose draw is below 0.2, per enum field', () => {
    for (const [field, path] of [['sentiment', '/sentiment'], ['relevant', '/relevant'], ['level', '/level']] as const) {
      texts.forEach((text, i) => {
        expect(mini[i]![field] !== echo[i]![field], `${field} of unit ${i}`).toBe(demoLabelDraw(text, path) < 0.2);
      });
    }
  });

  it('disagrees on 20% of 10,000 units (binomial sd 0.4 points), with a neighbouring label', () => {
    const share = (field: keyof Answer) => echo.filter((e, i) => e[field] !== mini[i]![field]).length / UNITS;
    for (const field of ['sentiment', 'relevant', 'level'] as const) expect(Math.abs(share(field) - 0.2), field).toBeLessThan(0.016);
    echo.forEach((e, i) => {
      expect(Math.abs(SENTIMENT.indexOf(e.sentiment) - SENTIMENT.indexOf(mini[i]!.sentiment))).toBeLessThanOrEqual(1);
    });
  });

  it('spreads the base labels over all levels and answers the same unit the same way every time', () => {
    const counts = SENTIMENT.map((label) => echo.filter((e) => e.sentiment === label).length / UNITS);
    for (const c of counts) expect(Math.abs(c - 0.2)).toBeLessThan(0.02);
    expect(answer('demo/mini', texts[42]!)).toEqual(mini[42]);
    expect(answer('demo/unlisted', texts[42]!).sentiment).toBe(echo[42]!.sentiment);
  });

  it('gives the agreement statistics the documented share: percent agreement = 1 − disagreement', () => {
    const table = { raters: ['demo/echo', 'demo/mini'], units: texts.map((t, i) => ({ id: `row${i}`, values: [echo[i]!.sentiment, mini[i]!.sentiment] })) };
    const report = agreementReport(table, { kind: 'ordinal', levels: SENTIMENT }, { resamples: 0 });
    const disagreeing = texts.filter((t) => demoLabelDraw(t, '/sentiment') < 0.2).length;
    expect(report.pairs[0]!.agreements).toBe(UNITS - disagreeing);
    expect(report.overall.krippendorff_alpha.ordinal.value!).toBeGreaterThan(report.overall.krippendorff_alpha.nominal.value!);
  });
});
