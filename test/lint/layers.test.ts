import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules of ARCHITECTURE.md must actually fail a wrong-way import, not just pass today.
const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');

async function cruise(file: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout } = await run('npx', ['depcruise', file, '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], {
      cwd: root,
    });
    return { ok: true, output: stdout };
  } catch (error) {
    const e = error as { stdout?: string };
    return { ok: false, output: e.stdout ?? '' };
  }
}

async function withProbe(relative: string, text: string, check: (file: string) => Promise<void>) {
  const file = path.join(root, relative);
  fs.writeFileSync(file, text);
  try {
    await check(relative);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe('declared layers', () => {
  it('fail a core module that imports a service', async () => {
    await withProbe(
      `lib/sla/zz-layer-probe-${process.pid}.ts`,
      "export { resolvePage } from '../pages/context';\nexport { openIncident } from '../services/incidents/open';\n",
      async (file) => {
        const result = await cruise(file);
        expect(result.ok).toBe(false);
        expect(result.output).toContain('core-imports-higher-layer');
        expect(result.output).toContain('lib/services/incidents/open.ts');
      },
    );
  });

  it('pass a service that imports the data layer', async () => {
    await withProbe(
      `lib/services/zz-layer-probe-${process.pid}.ts`,
      "export { resolvePage } from '../pages/context';\n",
      async (file) => {
        expect((await cruise(file)).ok).toBe(true);
      },
    );
  });

  it('fail production code that imports the e2e fakes', async () => {
    await withProbe(
      `lib/notify/zz-layer-probe-${process.pid}.ts`,
      "export { startSmtpSink } from '../../e2e/fakes';\n",
      async (file) => {
        const result = await cruise(file);
        expect(result.output).toContain('production-imports-test-code');
      },
    );
  });

  it('refuse requireRole and writeAudit outside lib/services', async () => {
    const eslint = new ESLint({ cwd: root });
    const text =
      "import { requireRole } from '../services/context';\nimport { writeAudit } from '../services/audit/write';\nexport const both = [requireRole, writeAudit];\n";
    const [outside] = await eslint.lintText(text, { filePath: path.join(root, 'lib/workers/probe.ts') });
    expect(outside.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toHaveLength(2);
    const [inside] = await eslint.lintText(text.replaceAll('../services/', '../'), {
      filePath: path.join(root, 'lib/services/probe.ts'),
    });
    expect(inside.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toHaveLength(0);
  });
});
