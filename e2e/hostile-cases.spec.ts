/**
 * Issue 21's case classes through the real interfaces of the built app, each seeded and
 * reproducible: files through the file input, links through the address bar, the autosave
 * through a reload. Every case: refused at the door with the limit named (or opened and kept),
 * the work on screen never lost, and a reload opens what was there.
 */
import { expect, test, type Page } from '@playwright/test';
import { deflateSync } from 'fflate';
import { toBase64Url } from '../src/state/urlCodec';
import { MODEL_FORMAT } from '../src/engine/format/model';

test.describe.configure({ timeout: 90_000 });

const nameField = (page: Page) => page.getByRole('textbox', { name: 'Model name' });
const upToDate = (page: Page) => expect(page.getByTestId('eval-status')).toHaveText('up to date');
const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const model = (extra: Record<string, unknown>) => ({
  format: MODEL_FORMAT,
  input: [3, 8, 8],
  layers: [{ type: 'relu' }],
  ...extra,
});
const link = (payload: string) => `./#v1.${toBase64Url(deflateSync(new TextEncoder().encode(payload)))}`;

/** Starts from a named model of the user's, autosaved, so every case can check it is kept. */
async function mine(page: Page): Promise<void> {
  await page.goto('./');
  await upToDate(page);
  await nameField(page).fill('my work');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('floplab.autosave.v1') ?? '')).toContain('my work');
}

const refusedFiles: readonly [string, string, Buffer, RegExp][] = [
  [
    'an input axis of 2,000,000',
    'wide.prototxt',
    Buffer.from(
      'input: "data"\ninput_dim: 1\ninput_dim: 3\ninput_dim: 2000000\ninput_dim: 8\nlayer { name: "r" type: "ReLU" bottom: "data" top: "r" }\n',
    ),
    /≤ 1000000/,
  ],
  ['an input axis of 2^62', 'huge.json', json(model({ input: [3, 2 ** 62, 8] })), /≤ 1000000/],
  [
    '100,001 layers',
    'long.json',
    json(model({ layers: Array.from({ length: 100_001 }, () => ({ type: 'relu' })) })),
    /more than 100,000 layers/,
  ],
  [
    'a repeat of a billion rows inside',
    'rep.json',
    json(model({ layers: [{ type: 'repeat', times: 1e9, body: [{ type: 'relu' }] }] })),
    /.*/,
  ],
  [
    'a model over 4,000,000 characters of JSON',
    'fat.json',
    json(model({ layers: Array.from({ length: 19_000 }, () => ({ type: 'relu', name: 'n'.repeat(190) })) })),
    /FlopLab keeps models of at most 4,000,000/,
  ],
];

for (const [what, name, buffer, message] of refusedFiles)
  test(`file with ${what}: refused or contained at the door, the work kept through a reload`, async ({ page }) => {
    await mine(page);
    await page.getByTestId('open-file-input').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
    if (name === 'rep.json') {
      // Valid as a document: it opens, and the repeat is an error on its own row, never expanded.
      await expect(page.getByTestId('row-error')).toContainText('more than the 100,000 rows a model may expand to');
    } else {
      const notice = page.getByRole('alert').filter({ hasText: `Could not import ${name}` });
      await expect(notice).toContainText(message);
      await expect(nameField(page)).toHaveValue('my work');
    }
    await page.reload();
    await expect(page.getByTestId('eval-status')).toContainText(/up to date|row with an error/);
    await expect(page.getByText('could not be restored')).toHaveCount(0);
    if (name === 'rep.json')
      await expect(page.getByTestId('row-error')).toContainText('more than the 100,000 rows a model may expand to');
    else await expect(nameField(page)).toHaveValue('my work');
  });

test('a name of 300 characters: a FlopLab JSON is refused with the limit; a prototxt opens cut to 199 and the reload restores it', async ({
  page,
}) => {
  await mine(page);
  const long = 'N'.repeat(300);
  const input = page.getByTestId('open-file-input');
  await input.setInputFiles({ name: 'named.json', mimeType: 'application/json', buffer: json(model({ name: long })) });
  await expect(page.getByRole('alert').filter({ hasText: 'Could not import named.json' })).toContainText(
    'name must be at most 200 characters',
  );
  await expect(nameField(page)).toHaveValue('my work');
  const proto = `name: "${long}"\ninput: "data"\ninput_dim: 1\ninput_dim: 3\ninput_dim: 8\ninput_dim: 8\nlayer { name: "r" type: "ReLU" bottom: "data" top: "r" }\n`;
  await input.setInputFiles({ name: 'named.prototxt', mimeType: 'text/plain', buffer: Buffer.from(proto) });
  await expect(nameField(page)).toHaveValue(`${'N'.repeat(199)}…`);
  await expect(page.getByTestId('import-notice')).toContainText('1 warning');
  await page.reload();
  await expect(nameField(page)).toHaveValue(`${'N'.repeat(199)}…`);
  await expect(page.getByText('could not be restored')).toHaveCount(0);
});

const refusedLinks: readonly [string, () => string, RegExp][] = [
  [
    'a 60 kB link inflating past 4 MB',
    () =>
      link(`{"m":{"input":[3,8,8],"layers":[{"type":"relu"}],"meta":{"pad":"${'x'.repeat(6_000_000)}"}},"c":"seed"}`),
    /cannot be opened/,
  ],
  [
    'a link whose repeats expand past 100,000 rows',
    () =>
      link(
        JSON.stringify({
          m: { input: [3, 8, 8], layers: [{ type: 'repeat', times: 100_001, body: [{ type: 'relu' }] }] },
          c: 'seed',
        }),
      ),
    /more than 100,000 layers/,
  ],
  ['a link longer than 200,000 characters', () => `./#v1.${'A'.repeat(200_001)}`, /longer than 200000 characters/],
];

for (const [what, make, message] of refusedLinks)
  test(`${what}: refused with the reason, the autosaved work opens instead`, async ({ page }) => {
    await mine(page);
    await page.goto(make());
    await expect(page.getByRole('alert')).toContainText(message);
    await expect(page.getByRole('alert')).toContainText('Your autosaved model was kept');
    await expect(nameField(page)).toHaveValue('my work');
  });

test('a damaged autosave: kept aside, listed under Saved copies and downloadable, never overwritten', async ({
  page,
}) => {
  await mine(page);
  await page.evaluate(() => localStorage.setItem('floplab.autosave.v1', '{"model": {"format": "nope"'));
  await page.goto('./');
  await expect(page.getByRole('alert')).toContainText('could not be restored');
  await page.getByRole('button', { name: 'Saved copies…' }).click();
  const dialog = page.getByTestId('copies-dialog');
  await expect(dialog).toContainText('Could not be read by this version');
  const download = page.waitForEvent('download');
  await dialog.getByTestId('copy-download-unreadable').click();
  expect((await download).suggestedFilename()).toBe('floplab-unreadable-as-stored.txt');
  expect(await page.evaluate(() => localStorage.getItem('floplab.autosave.unreadable'))).toBe(
    '{"model": {"format": "nope"',
  );
});
