// Issue 12: the layer arrows of DESIGN.md §3 are enforced by lint. Each case lints one line of source as if it
// stood in a given file, with the project's own ESLint config, and expects the import to fail or pass.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const x = y;\n`, { filePath: file });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  const refused: [string, string, RegExp][] = [
    ['src/main/cli/commands/run.ts', "import { y } from '../../engine/create-run.ts';", /src\/main\/cli must not import from src\/main\/engine/],
    ['src/main/cli/commands/run.ts', "import { y } from '../../store/store.ts';", /must not import from src\/main\/store/],
    ['src/main/cli/commands/run.ts', "import { y } from '../../providers/registry.ts';", /must not import from src\/main\/providers/],
    ['src/main/cli/commands/run.ts', "import { y } from '../../inputs/build-jobs.ts';", /must not import from src\/main\/inputs/],
    ['src/main/cli/io.ts', "import { y } from '../export/write.ts';", /must not import from src\/main\/export/],
    ['src/main/api/batch.ts', "import { y } from 'electron';", /Only src\/main\/electron and src\/preload may import electron/],
    ['src/main/engine/monitor.ts', "import { y } from 'electron';", /may import electron/],
    ['src/renderer/src/App.tsx', "import { y } from 'electron';", /may import electron/],
    ['src/shared/domain.ts', "import { y } from 'electron';", /may import electron/],
    ['src/main/core/planner.ts', "import { y } from '../engine/monitor.ts';", /src\/main\/core must not import from src\/main\/engine/],
    ['src/main/store/store.ts', "import { y } from '../api/engine-host.ts';", /src\/main\/store must not import from src\/main\/api/],
    ['src/main/server/local-server.ts', "import { y } from '../store/store.ts';", /src\/main\/server must not import from src\/main\/store/],
    ['src/renderer/src/api.ts', "import { y } from '../../main/api/index.ts';", /renderer talks only to the contract/],
    ['src/shared/contract.ts', "import { y } from 'node:fs';", /no node: imports/],
  ];
  it.each(refused)('%s: %s fails lint', async (file, source, message) => {
    const errors = await importErrors(file, source);
    expect(errors.join('\n')).toMatch(message);
  });

  const allowed: [string, string][] = [
    ['src/main/cli/commands/run.ts', "import { y } from '../../api/commands/submit-run.ts';"],
    ['src/main/cli/commands/run.ts', "import { y } from '../../../shared/contract.ts';"],
    ['src/main/api/service/index.ts', "import { y } from '../../engine/monitor.ts';"],
    ['src/main/electron/index.ts', "import { y } from 'electron';"],
    ['src/preload/index.ts', "import { y } from 'electron';"],
    ['src/main/engine/estimate.ts', "import { y } from '../inputs/attachment.ts';"],
  ];
  it.each(allowed)('%s: %s passes', async (file, source) => {
    expect(await importErrors(file, source)).toEqual([]);
  });
});
