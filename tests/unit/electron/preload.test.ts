import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  exposed: [] as Array<[string, unknown]>,
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn(), send: vi.fn(), sendSync: vi.fn() },
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.push([key, api]) },
  ipcRenderer: electron.ipcRenderer,
}));

describe('preload', () => {
  it('exposes exactly one global, permitDesk, with invoke and on only', async () => {
    await import('../../../main/electron/preload');
    expect(electron.exposed).toHaveLength(1);
    const [key, api] = electron.exposed[0] ?? [];
    expect(key).toBe('permitDesk');
    expect(Object.keys(api as object).sort()).toEqual(['invoke', 'on']);
    expect(Object.values(api as object)).not.toContain(electron.ipcRenderer);
  });
});
