import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layers, read from the imports themselves: arrows point down only. A value import of a workflow
 * file is allowed only of its message contracts (`*.messages.ts`); activities are imported by
 * workflows as types only. Nothing imports api/, pages/ or server/ but the entry points.
 */
const root = join(import.meta.dirname, '../../..');

type Rule = { may: string[]; typesOnly?: string[] };
const layers: Record<string, Rule> = {
  domain: { may: [] },
  config: { may: [] },
  lib: { may: ['domain'] },
  db: { may: ['domain', 'config'] },
  'read-model': { may: ['db', 'domain'], typesOnly: ['workflows'] },
  // Generated documents: pure, built from the case view (a type) and the centre's settings.
  documents: { may: ['domain', 'lib'], typesOnly: ['workflows'] },
  workflows: { may: ['domain'], typesOnly: ['activities'] },
  activities: { may: ['db', 'domain', 'lib', 'read-model'], typesOnly: ['workflows'] },
  'use-cases': { may: ['db', 'documents', 'domain', 'lib', 'read-model', 'workflows'] },
  http: { may: ['domain', 'use-cases'], typesOnly: ['db'] },
  // The HTTP layers hold the database handle only to pass it to the use cases.
  api: { may: ['http', 'use-cases', 'documents', 'domain', 'workflows'], typesOnly: ['db'] },
  pages: { may: ['http', 'use-cases', 'documents', 'domain'], typesOnly: ['db'] },
  server: { may: ['api', 'pages', 'http', 'use-cases', 'domain'] },
  system: {
    may: ['activities', 'config', 'db', 'domain', 'lib', 'use-cases', 'workflows'],
    typesOnly: ['http'],
  },
  scripts: { may: ['domain', 'use-cases', 'db', 'config'] },
};

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

interface Import {
  from: string;
  to: string;
  layer: string;
  typeOnly: boolean;
}

function importsOf(layer: string): Import[] {
  return sources(join(root, layer)).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(/^(?:import|export)\s+(type\s+)?[^'"]*?from\s+'(\.[^']+)'/gm)].map((match) => {
      const target = normalize(join(dirname(file), match[2]!));
      return {
        from: relative(root, file),
        to: relative(root, target),
        layer: relative(root, target).split(sep)[0]!,
        typeOnly: Boolean(match[1]),
      };
    });
  });
}

describe('layers: arrows point down only', () => {
  it.each(Object.keys(layers))('%s imports only the layers below it', (layer) => {
    const rule = layers[layer]!;
    const wrong = importsOf(layer).filter(
      (entry) =>
        entry.layer !== layer &&
        !rule.may.includes(entry.layer) &&
        !(entry.typeOnly && rule.typesOnly?.includes(entry.layer)),
    );
    expect(wrong.map((entry) => `${entry.from} → ${entry.to}`)).toEqual([]);
  });

  it.each(['use-cases', 'api', 'system'])(
    '%s takes only message contracts of workflows/ as values, never a workflow body',
    (layer) => {
      const bodies = importsOf(layer).filter(
        (entry) => entry.layer === 'workflows' && !entry.typeOnly && !entry.to.endsWith('.messages.js'),
      );
      expect(bodies.map((entry) => `${entry.from} → ${entry.to}`)).toEqual([]);
    },
  );
});
