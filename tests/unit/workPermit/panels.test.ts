/**
 * The two panels rendered for real: Vite compiles the .vue files with the app's Vue plugin and
 * Vue's server renderer produces their HTML, in Chinese and in English. Checks what a reader (and
 * a screen reader) gets: the table's caption, each item's points, the total in a live region,
 * the category, the source; the checklist's states and the date an expired certificate lapsed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import vue from '@vitejs/plugin-vue';
import { createSSRApp, h, type Component } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { assessValues, buildChecklist, type Checklist } from '../../../shared/workPermit';
import { WORK_PERMIT_CANDIDATES } from '../../fixtures/workPermitCandidates';

let server: ViteDevServer;
let PointsPanel: Component;
let MaterialsChecklist: Component;
let i18n: { global: { locale: { value: string } } };

beforeAll(async () => {
  server = await createServer({
    root: process.cwd(),
    configFile: false,
    plugins: [vue()],
    server: { middlewareMode: true, hmr: false, watch: null },
    appType: 'custom',
    logLevel: 'error',
  });
  PointsPanel = (await server.ssrLoadModule('/renderer/src/components/workPermit/PointsPanel.vue')).default as Component;
  MaterialsChecklist = (await server.ssrLoadModule('/renderer/src/components/workPermit/MaterialsChecklist.vue')).default as Component;
  i18n = (await server.ssrLoadModule('/renderer/src/i18n/index.ts')).i18n as typeof i18n;
});

afterAll(async () => {
  await server?.close();
});

async function render(component: Component, props: Record<string, unknown>, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<string> {
  i18n.global.locale.value = locale;
  try {
    return await renderToString(createSSRApp({ render: () => h(component, props) }));
  } finally {
    i18n.global.locale.value = 'zh-CN';
  }
}

const text = (html: string): string => html.replace(/<!--[^>]*-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('PointsPanel', () => {
  it.each(WORK_PERMIT_CANDIDATES.map((c) => [c.id, c] as const))('candidate %s: the hand-computed points, total and category', async (_id, c) => {
    const { points, category } = assessValues(c.values);
    const html = await render(PointsPanel, { points, category });
    for (const [id, expected] of Object.entries(c.expected.items)) {
      const row = new RegExp(`<tr[^>]*data-item="${id}"[\\s\\S]*?data-points="(\\d+)"`).exec(html);
      expect(Number(row?.[1]), id).toBe(expected);
    }
    expect(html).toMatch(new RegExp(`<span[^>]*aria-live="polite"[^>]*data-testid="wp-points-total"[^>]*data-total="${c.expected.total}"`));
    expect(text(html)).toContain(`${c.expected.total} 分（满分 120 分）`);
    expect(html).toMatch(new RegExp(`data-testid="wp-category"[^>]*data-category="${c.expected.category}"`));
  });

  it('is a table with a caption naming the table and its edition, and cites the source', async () => {
    const { points, category } = assessValues(WORK_PERMIT_CANDIDATES[1]?.values ?? {});
    const html = await render(PointsPanel, { points, category });
    expect(text(/<caption[\s\S]*?<\/caption>/.exec(html)?.[0] ?? '')).toContain('积分要素计分赋值表（暂行版）');
    expect(html).toContain('<th scope="row"');
    expect(text(html)).toContain('规则来源：《外国人来华工作分类标准（试行）》，国家外国专家局 2017-03-29 发布，2017-04-01 施行');
    expect(text(html)).toContain('外国专业人才（B类）');
  });

  it('in English, shows English values and the category in English', async () => {
    const { points, category } = assessValues(WORK_PERMIT_CANDIDATES[1]?.values ?? {});
    const html = text(await render(PointsPanel, { points, category }, 'en'));
    expect(html).toContain('66 of 120 points');
    expect(html).toContain('Foreign professional (category B)');
    expect(html).toContain('Rule source: Classification Standard for Foreigners Working in China (trial)');
    expect(html).not.toContain('规则来源');
  });
});

describe('MaterialsChecklist', () => {
  const checklist: Checklist = buildChecklist({
    procedure: 'notice',
    category: 'A',
    filingDate: '2027-03-01',
    attachments: { criminalRecord: { attached: true, issuedOn: '2026-08-31' }, workExperience: { attached: true, byCommitment: true } },
  });

  it('shows each item with its state, and when the expired certificate lapsed', async () => {
    const html = await render(MaterialsChecklist, { checklist });
    expect(html).toMatch(/<tr[^>]*data-material="criminalRecord"[^>]*data-state="expired"/);
    expect(html).toMatch(/<tr[^>]*data-material="workExperience"[^>]*data-state="attached"/);
    expect(html).toMatch(/<tr[^>]*data-material="passport"[^>]*data-state="missing"/);
    const t = text(html);
    expect(t).toContain('有效期至 2027-02-28，已于 2027-03-01 失效');
    expect(t).toContain('以承诺书代替');
    expect(t).toContain('材料未齐：已附 1 项，缺少 6 项，已过期 1 项');
    expect(html).toMatch(/aria-live="polite"[^>]*data-testid="wp-materials-summary"/);
    expect(text(/<caption[\s\S]*?<\/caption>/.exec(html)?.[0] ?? '')).toContain('外国人来华工作许可通知申请 — 材料清单');
  });

  it('in English', async () => {
    const t = text(await render(MaterialsChecklist, { checklist }, 'en'));
    expect(t).toContain('Documents not yet in order: 1 attached, 6 missing, 1 expired');
    expect(t).toContain('Issued 2026-08-31, valid until 2027-02-28, lapsed on 2027-03-01');
    expect(t).not.toContain('材料未齐');
  });
});
