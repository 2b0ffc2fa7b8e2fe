// End-to-end run of the console's Environment and KV pages against a real
// tarsus server (../e2e_data_test.go starts one and runs this script):
// a variable and a secret are set from the page, the secret is shown masked
// and its value reaches neither the page nor the API's answers; keys a
// function wrote are browsed and read; a key is written with a TTL and
// deleted from the page.
//
//   TARSUS_URL=http://127.0.0.1:3401 TARSUS_ADMIN_TOKEN=tsk_… node data.mjs
//
// Same output and options as run.mjs (TARSUS_SCREENSHOTS, CHROMIUM).
import { chromium } from 'playwright-core'
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const BASE = (process.env.TARSUS_URL ?? '').replace(/\/+$/, '')
const ADMIN = process.env.TARSUS_ADMIN_TOKEN ?? ''
if (!BASE || !ADMIN) {
  console.error('set TARSUS_URL and TARSUS_ADMIN_TOKEN (../e2e_data_test.go does)')
  process.exit(2)
}
const SHOTS = resolve(process.env.TARSUS_SCREENSHOTS ?? new URL('./screenshots', import.meta.url).pathname)
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const TIMEOUT = 15_000
const run = Date.now().toString(36)
const USER = `dana${run}`
const PASSWORD = 'correct-horse-battery'
const SECRET = `sk_live_${run}_never_shown_again`

const counter = `import { kv } from "tarsus:kv";
export default [{}, async () => ({ visits: await kv.update("visits", (n) => (n ?? 0) + 1) })];
`

let passed = 0
let failed = 0
const log = (...a) => console.log(...a)
async function step(name, fn) {
  const t0 = Date.now()
  try {
    await fn()
    passed++
    log(`ok ${passed + failed} - ${name} (${Date.now() - t0} ms)`)
  } catch (e) {
    failed++
    log(`not ok ${passed + failed} - ${name}`)
    log('  ' + String(e?.stack ?? e).split('\n').join('\n  '))
    throw e
  }
}
function expect(cond, what) {
  if (!cond) throw new Error('expected ' + what)
}
async function until(what, fn, ms = TIMEOUT) {
  const deadline = Date.now() + ms
  let last
  for (;;) {
    try {
      const v = await fn()
      if (v) return v
    } catch (e) {
      last = e
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ': ' + last.message : ''}`)
    await new Promise((r) => setTimeout(r, 100)) // polling interval
  }
}
async function apiCall(method, path, body, token = ADMIN, ctype = 'application/json') {
  const res = await fetch(BASE + path, {
    method,
    headers: { authorization: 'Bearer ' + token, 'content-type': ctype },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)
  return text
}

mkdirSync(SHOTS, { recursive: true })
const profile = mkdtempSync(join(tmpdir(), 'tarsus-e2e-data-'))
let context
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
    viewport: { width: 1366, height: 820 },
    colorScheme: 'light',
    locale: 'en-US',
    timezoneId: 'UTC',
  })
  context.setDefaultTimeout(TIMEOUT)
  const page = context.pages()[0] ?? (await context.newPage())
  const pageErrors = []
  page.on('pageerror', (e) => pageErrors.push(String(e)))
  // Every answer the page receives, to search for the secret.
  const answers = []
  page.on('response', async (r) => {
    if (r.url().includes('/api/')) answers.push(await r.text().catch(() => ''))
  })
  let token

  await step('sign in as a new user', async () => {
    token = JSON.parse(await apiCall('POST', '/api/v1/users', { name: USER, password: PASSWORD })).token
    await page.goto(BASE + '/console/login')
    await page.fill('#login-name', USER)
    await page.fill('#login-password', PASSWORD)
    await page.click('[data-test=login-submit]')
    await page.waitForURL(/\/console\/functions/)
  })

  await step('set a variable and a secret on the Environment page', async () => {
    await page.goto(BASE + '/console/env')
    await page.fill('#env-name', 'MODE')
    await page.fill('#env-value', 'development')
    await page.click('[data-test=env-save]')
    await page.locator('tr[data-env="MODE"]').waitFor()
    await page.fill('#env-name', 'API_KEY')
    await page.click('[data-test=env-secret]')
    const input = page.locator('#env-value')
    expect((await input.getAttribute('type')) === 'password', 'the secret input to be a password field')
    await input.fill(SECRET)
    await page.click('[data-test=env-save]')
    await page.locator('tr[data-env="API_KEY"] [data-test=env-masked]').waitFor()
    expect((await page.locator('tr[data-env="MODE"]').textContent()).includes('development'), 'the variable to show its value')
    expect((await page.inputValue('#env-value')) === '', 'the form to forget the secret once sent')
  })

  await step('the secret is masked and write-only: not in the page, not in any API answer', async () => {
    await page.reload()
    await page.locator('tr[data-env="API_KEY"]').waitFor()
    await page.locator('tr[data-env="API_KEY"]').getByRole('button', { name: 'Replace' }).click()
    expect((await page.inputValue('#env-value')) === '', 'Replace not to fill in the secret')
    await page.screenshot({ path: join(SHOTS, '20-environment.png') })
    const html = await page.content()
    expect(!html.includes(SECRET), 'the secret not to be in the page')
    expect(answers.length > 0 && answers.every((a) => !a.includes(SECRET)), 'no API answer to carry the secret')
    const listed = await apiCall('GET', '/api/v1/env', undefined, token)
    expect(listed.includes('"API_KEY"') && !listed.includes(SECRET), `GET /api/v1/env to list the secret by name only: ${listed}`)
  })

  await step('browse the keys a function wrote, and read one', async () => {
    await apiCall('PUT', '/api/v1/functions/counter.ts', counter, token, 'text/plain')
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${BASE}/${USER}/counter`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
      expect(res.status === 200, `the counter to answer 200, got ${res.status} ${await res.text()}`)
    }
    await page.goto(BASE + '/console/kv')
    await page.locator('li[data-key="visits"] button').click()
    await until('the value', async () => (await page.locator('[data-test=kv-value]').textContent()).includes('2'))
  })

  await step('write a key with a TTL, find it by prefix, delete it', async () => {
    await page.fill('#kv-key', 'note:1')
    await page.fill('#kv-text', 'hello from the console')
    await page.fill('#kv-ttl', '3600')
    await page.click('[data-test=kv-save]')
    await until('the key to be listed', async () => (await page.locator('li[data-key="note:1"]').count()) === 1)
    expect((await page.locator('li[data-key="note:1"]').textContent()).includes('expires'), 'the key to show it expires')
    await page.fill('#kv-prefix', 'note:')
    await page.click('[data-test=kv-search]')
    await until('only note: keys', async () => (await page.locator('li[data-key]').count()) === 1)
    expect((await apiCall('GET', '/api/v1/kv/note%3A1', undefined, token)) === 'hello from the console', 'the API to read the key')
    await page.screenshot({ path: join(SHOTS, '21-kv.png') })
    await page.click('[data-test=kv-delete]')
    await page.locator('.n-popconfirm').getByRole('button', { name: 'Delete', exact: true }).click()
    await until('the key to be gone', async () => (await page.locator('li[data-key="note:1"]').count()) === 0)
  })

  await step('no uncaught errors in the page', async () => {
    expect(pageErrors.length === 0, `none, got ${pageErrors.join('; ')}`)
  })
} catch {
  // the step already reported it
} finally {
  await context?.close().catch(() => {})
  rmSync(profile, { recursive: true, force: true })
  log(`${passed} passed, ${failed} failed`)
  process.exitCode = failed || !passed ? 1 : 0
}
