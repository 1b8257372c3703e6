import { expect, type Page } from '@playwright/test'

/**
 * Signs in through the real /login page; in demo mode the page shows the code. Types the address
 * again until the page has hydrated: on a busy machine a fill that lands before React takes over the
 * input is reset by it, and "Send code" stays disabled.
 */
export async function signInThroughPage(page: Page, address: string) {
  await page.goto('/login')
  const send = page.getByRole('button', { name: 'Send code' })
  await expect(async () => {
    await page.getByLabel('E-mail or phone number').fill(address)
    await expect(send).toBeEnabled({ timeout: 1_000 })
  }).toPass({ timeout: 20_000 })
  await send.click()
  const code = (await page.getByTestId('demo-code').textContent())!.trim()
  await page.getByLabel('Code', { exact: true }).fill(code)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/pass$/)
}
