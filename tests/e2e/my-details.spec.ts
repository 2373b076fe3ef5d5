import { expect, test } from '@playwright/test';
import {
  LAPTOP,
  PHONE,
  checkA11y,
  createBlankWorkshop,
  pageAt,
  participantPage,
  shot,
} from './support.js';

test('a participant who corrects only their name keeps their city and organisation', async ({
  browser,
  request,
}) => {
  // A phone and a console: 36 s at load 15 to 20 on two cores.
  test.setTimeout(180_000);
  const created = await createBlankWorkshop(request, 'Regional training');
  const joined = (await (
    await request.post('/api/join', {
      data: {
        joinCode: created.joinCode,
        name: 'Ana Reyes',
        country: 'PH',
        city: 'Cebu',
        organisation: 'Invented Shelter Network',
        role: 'Social worker',
      },
    })
  ).json()) as { token: string };
  const phone = await participantPage(browser, PHONE, created.id, joined.token);

  const open = async () => {
    await phone.getByText('My details', { exact: true }).click();
    await expect(phone.getByLabel('Your name')).toBeVisible();
  };
  await open();
  await expect(phone.getByLabel('Your name')).toHaveValue('Ana Reyes');
  await phone.getByLabel('Your name').fill('Ana Reyes-Cruz');
  await phone.getByRole('button', { name: 'Save my details' }).click();
  await expect(phone.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  await phone.reload();
  await open();
  await expect(phone.getByLabel('Your name')).toHaveValue('Ana Reyes-Cruz');
  await expect(phone.getByLabel('City')).toHaveValue('Cebu');
  await expect(phone.getByLabel('Organisation')).toHaveValue('Invented Shelter Network');
  await expect(phone.getByLabel('Role')).toHaveValue('Social worker');
  await checkA11y(phone, 'my details, after a name correction');
  await shot(phone, 'my-details-after-name-correction');

  const console = await pageAt(browser, LAPTOP);
  await console.goto(`/w/${created.id}/facilitate#key=${created.facilitatorKey}`);
  await expect(
    console.getByTestId('roster-entry').filter({ hasText: 'Ana Reyes-Cruz' }),
  ).toContainText('Philippines · Cebu · Invented Shelter Network · Social worker');
});
