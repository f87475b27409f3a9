import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layerViolations } from '../../scripts/check-layers';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'td-layers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('the layer check', () => {
  it('passes on this repository', () => {
    expect(layerViolations(process.cwd())).toEqual([]);
  });

  it('accepts each layer’s own imports', () => {
    const root = tree({
      'contract/a.ts': "import { z } from 'zod';\nimport type { B } from './b';",
      'main/shell/app.ts':
        "import { app } from 'electron';\nimport { x } from '../core';\nimport type { A } from '$contract/a';",
      'main/core.ts': "import { join } from 'node:path';\nimport { z } from 'zod';",
      'preload/index.ts': "import { contextBridge } from 'electron';\nimport { build } from './api';",
      'renderer/src/App.svelte':
        "<script lang=\"ts\">\n  import { onMount } from 'svelte';\n  import type { A } from '$contract/a';\n</script>",
    });
    expect(layerViolations(root)).toEqual([]);
  });

  it('names every planted fault: electron outside the shell, Node in the page, main in the contract', () => {
    const root = tree({
      'contract/a.ts': "import { readFile } from 'node:fs';\nimport { x } from '../main/core';",
      'main/vault/vault.ts': "import { safeStorage } from 'electron';",
      'main/core.ts': "import { api } from '../renderer/src/lib/api';",
      'preload/api.ts': "import { ipcRenderer } from 'electron';",
      'renderer/src/lib/x.ts': "import { readFileSync } from 'node:fs';",
      'renderer/src/Bad.svelte': '<script lang="ts">\n  import { app } from \'electron\';\n</script>',
    });
    const found = layerViolations(root).map((line) => line.split(' — ')[0]);
    expect(found.sort()).toEqual(
      [
        "contract/a.ts: 'node:fs'",
        "contract/a.ts: '../main/core'",
        "main/vault/vault.ts: 'electron'",
        "main/core.ts: '../renderer/src/lib/api'",
        "preload/api.ts: 'electron'",
        "renderer/src/lib/x.ts: 'node:fs'",
        "renderer/src/Bad.svelte: 'electron'",
      ].sort(),
    );
  });
});
