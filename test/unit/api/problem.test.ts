import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldErrors, handleError, toProblem } from '../../../api/errors.js';
import { Problem, problems } from '../../../api/problem.js';

describe('problem+json (RFC 9457)', () => {
  const app = new Hono()
    .get('/refuse', () => {
      throw new Problem(409, 'illegal_transition', 'Not allowed now', 'The case is archived.', {
        currentStage: 'archived',
      });
    })
    .get('/crash', () => {
      throw new Error('bug');
    })
    .get('/down', () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    })
    .onError(handleError as never);

  it('renders a refusal with its status, stable code, type URI, instance and extensions', async () => {
    const response = await app.request('/refuse');
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toEqual({
      type: 'urn:feisutong:problem:illegal_transition',
      title: 'Not allowed now',
      status: 409,
      code: 'illegal_transition',
      detail: 'The case is archived.',
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
    expect(toProblem(new Error('other'))).toBeUndefined();
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
    expect(errors.every((e) => e.reason.length > 0)).toBe(true);
    expect(problems.validation(errors).status).toBe(400);
  });
});
