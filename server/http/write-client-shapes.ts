import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { clientShapesJson } from './client-shapes.ts';

// `npm run generate:shapes`: rewrites the client's copy of the response schemas. A test fails
// when the committed copy differs from what this would write.
const target = resolve(import.meta.dirname, '../../client/api/shapes.generated.json');
writeFileSync(target, clientShapesJson());
process.stdout.write(`wrote ${target}\n`);
