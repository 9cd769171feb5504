import { afterEach, describe, expect, it } from 'vitest';
import { type Repo, repo, show } from './harness.js';

let r: Repo | undefined;
afterEach(() => r?.cleanup());

describe('value engine smoke', () => {
  it('follows helpers, enums and imports', () => {
    r = repo({
      'package.json': JSON.stringify({ name: 'app' }),
      'src/names.ts': `export enum Q { Mail = 'mail' }\nexport const getQueueName = (n: string) => process.env.CLUSTER ? \`{\${n}}\` : n;`,
      'src/main.ts': `import { Queue } from 'bullmq';\nimport { Q, getQueueName } from './names';\nexport const q = new Queue(getQueueName(Q.Mail));`,
    });
    expect(show(r.value('src/main.ts', 'new Queue(getQueueName(Q.Mail))'))).toEqual({
      handle: 'queue',
      library: 'bullmq',
      name: { oneOf: [{ value: '{mail}', cond: 'process.env.CLUSTER', default: false }, { value: 'mail', cond: '!(process.env.CLUSTER)', default: true }] },
    });
  });
});
