import { expect, type Page } from '@playwright/test'

/** Signs in through the real /login page; in demo mode the page shows the code. */
export async function signInThroughPage(page: Page, address: string) {
  await page.goto('/login')
  await page.getByLabel('E-mail or phone number').fill(address)
  await page.getByRole('button', { name: 'Send code' }).click()
  const code = (await page.getByTestId('demo-code').textContent())!.trim()
  await page.getByLabel('Code', { exact: true }).fill(code)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/pass$/)
}
