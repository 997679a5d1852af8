import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldErrors, handleError } from '../../../api/errors.js';
import { problems } from '../../../api/problem.js';
import { Refusal, refusals } from '../../../domain/refusals.js';
import { toRefusal } from '../../../http/refusal-of.js';

describe('problem+json (RFC 9457), from the refusal registry', () => {
  const app = new Hono()
    .get('/refuse', () => {
      throw new Refusal('illegal_transition', { detail: 'The case is archived.', currentStage: 'archived' });
    })
    .get('/crash', () => {
      throw new Error('bug');
    })
    .get('/down', () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    })
    .onError(handleError as never);

  it('renders a refusal with its registry status and title, stable code, Chinese reason and extensions', async () => {
    const response = await app.request('/refuse');
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toEqual({
      type: 'urn:feisutong:problem:illegal_transition',
      title: refusals.illegal_transition.title,
      status: 409,
      code: 'illegal_transition',
      detail: 'The case is archived.',
      reasonZh: refusals.illegal_transition.zh,
      instance: '/refuse',
      currentStage: 'archived',
    });
  });

  it('turns an unexpected error into a 500 problem that reveals nothing', async () => {
    const response = await app.request('/crash');
    expect(response.status).toBe(500);
    const body = (await response.json()) as { code: string; detail: string };
    expect(body.code).toBe('internal_error');
    expect(JSON.stringify(body)).not.toContain('bug');
  });

  it('turns a lost database connection into 503 with Retry-After', async () => {
    const response = await app.request('/down');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(toRefusal(new Error('other'))).toBeUndefined();
  });

  it('names each invalid field by its path and says why', () => {
    const schema = z.object({
      parties: z.array(z.object({ name: z.string().min(1) })),
      amount: z.number().int(),
    });
    const result = schema.safeParse({ parties: [{ name: 'a' }, { name: '' }], amount: 1.5 });
    expect(result.success).toBe(false);
    const errors = fieldErrors(result.error!, 'json');
    expect(errors.map((e) => e.field)).toEqual(['parties[1].name', 'amount']);
    expect(errors.filter((e) => e.reason.length === 0)).toEqual([]);
    expect(problems.validation(errors).status).toBe(400);
  });

  it('has a status, an English title and a Chinese reason for every code', () => {
    const incomplete = Object.entries(refusals).filter(
      ([, entry]) => !entry.title || !/[\u4e00-\u9fff]/.test(entry.zh) || !(entry.status >= 400),
    );
    expect(incomplete).toEqual([]);
  });
});
