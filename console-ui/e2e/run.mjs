// End-to-end tests of the Tarsus console. playwright-core drives Debian's
// /usr/bin/chromium (never a downloaded browser) against a real tarsus
// server, as a user would: sign in, upload, invoke, edit and deploy, see a
// build error at its line, tail the logs, roll back, read the metrics.
//
//   TARSUS_URL=http://127.0.0.1:3401 TARSUS_ADMIN_TOKEN=tsk_… node run.mjs
//
// Optional: TARSUS_SCREENSHOTS (folder for one PNG per page; default
// ./screenshots), CHROMIUM (default /usr/bin/chromium).
// ../e2e_test.go starts a server in-process and runs this script. Each step
// prints "ok" or "not ok"; the run ends with "N passed, N failed" and exits
// non-zero when a step failed. Steps depend on the ones before them, so the
// first failure stops the run.
import { chromium } from 'playwright-core'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const BASE = (process.env.TARSUS_URL ?? '').replace(/\/+$/, '')
const ADMIN = process.env.TARSUS_ADMIN_TOKEN ?? ''
if (!BASE || !ADMIN) {
  console.error('set TARSUS_URL and TARSUS_ADMIN_TOKEN (../e2e_test.go does)')
  process.exit(2)
}
const SHOTS = resolve(process.env.TARSUS_SCREENSHOTS ?? new URL('./screenshots', import.meta.url).pathname)
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const TIMEOUT = 15_000

// Unique names, so a rerun against the same server does not collide.
const run = Date.now().toString(36)
const USER = `ada${run}`
const PASSWORD = 'correct-horse-battery'
const ADMIN_USER = `root${run}`

// ---- sources the test deploys ------------------------------------------------

const helloV1 = `import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from "fastify";

const opts: RouteShorthandOptions = {
  schema: {
    body: { type: "object", required: ["name"], properties: { name: { type: "string" } } },
  },
};

export default function () {
  return [opts, async (request: FastifyRequest<{ Body: { name: string } }>, reply: FastifyReply) => {
    return { hello: request.body.name, version: 1 };
  }];
}
`
const helloV2 = helloV1
  .replace('return { hello: request.body.name, version: 1 };', 'console.log("v2 greets " + request.body.name);\n    return { hello: request.body.name, version: 2 };')
// Line 3 holds the syntax error (a missing expression after "=").
const helloBroken = `import type { FastifyReply, FastifyRequest } from "fastify";

const greeting = ;

export default [{}, async () => ({ greeting })];
`
const echo = `export default [{}, async (request: any) => ({ echo: request.body ?? null })];
`
const orderCreate = `import { cents } from "../_lib/money";

export default [{}, async (request: any) => ({ total: cents(request.body?.amount ?? 0) })];
`
const money = `export function cents(amount: number): string {
  return (amount / 100).toFixed(2);
}
`

// ---- a tiny runner ---------------------------------------------------------------

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

async function apiCall(method, path, body, token = ADMIN) {
  const res = await fetch(BASE + path, {
    method,
    headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)
  return text ? JSON.parse(text) : undefined
}

/** Calls a function the way any client does (no console involved). */
async function invoke(route, body) {
  const res = await fetch(`${BASE}/${USER}/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: await res.json() }
}

// ---- the run -----------------------------------------------------------------------

mkdirSync(SHOTS, { recursive: true })
const profile = mkdtempSync(join(tmpdir(), 'tarsus-e2e-chromium-'))
const files = mkdtempSync(join(tmpdir(), 'tarsus-e2e-files-'))
let context

async function shot(page, name, opts = {}) {
  await page.evaluate(() => document.fonts?.ready)
  // Let transitions (dialogs, drawers) finish; endless ones (the cursor) do not count.
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  )
  await page.screenshot({ path: join(SHOTS, name + '.png'), ...opts })
}

/** Waits until no toast is on screen (they leave after a few seconds). */
async function quiet(page) {
  for (const b of await page.locator('.n-notification .n-base-close').all()) await b.click().catch(() => {})
  await until('the toasts to leave', async () => (await page.locator('.n-message, .n-notification').count()) === 0, 8000)
}

try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1366, height: 820 },
    colorScheme: 'light',
    locale: 'en-US',
    timezoneId: 'UTC',
  })
  context.setDefaultTimeout(TIMEOUT)
  const page = context.pages()[0] ?? (await context.newPage())
  const pageErrors = []
  page.on('pageerror', (e) => pageErrors.push(String(e)))
  // A Content-Security-Policy violation is a console error, not a page error.
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) pageErrors.push(m.text()) })

  await step('the admin creates accounts over the API', async () => {
    await apiCall('POST', '/api/v1/users', { name: USER, password: PASSWORD })
    await apiCall('POST', '/api/v1/users', { name: ADMIN_USER, password: PASSWORD, role: 'admin' })
  })

  await step('/ leads to the sign-in page, and a wrong password is refused in words', async () => {
    await page.goto(BASE + '/')
    await page.waitForURL(/\/console\/login/)
    await shot(page, '01-sign-in')
    await page.fill('#login-name', USER)
    await page.fill('#login-password', 'not-the-password')
    await page.click('[data-test=login-submit]')
    const err = await page.locator('[data-test=login-error]').textContent()
    expect(/do not match/.test(err ?? ''), `a words error, got ${err}`)
  })

  await step('sign in; a new user sees how to deploy a first function', async () => {
    await page.fill('#login-password', PASSWORD)
    await page.click('[data-test=login-submit]')
    await page.waitForURL(/\/console\/functions/)
    const empty = page.locator('[data-test=first-deploy]')
    await empty.waitFor()
    const text = await empty.textContent()
    expect(text.includes('tarsus push') && text.includes('tarsus init'), 'the empty state to teach `tarsus push`')
    await shot(page, '02-functions-empty')
  })

  await step('the session is an HttpOnly cookie: no token in localStorage or document.cookie, and a reload stays signed in', async () => {
    const stored = await page.evaluate(() => Object.entries(localStorage))
    for (const [k, v] of stored) {
      expect(!/token|session/i.test(k) && !String(v).includes('tsk_'), `no token in localStorage, found ${k}=${v}`)
    }
    const scriptCookies = await page.evaluate(() => document.cookie)
    expect(!scriptCookies.includes('tarsus_session'), `document.cookie not to show the session, got ${scriptCookies}`)
    const cookies = await context.cookies(BASE + '/api/v1/me')
    const c = cookies.find((x) => x.name === 'tarsus_session')
    expect(c, `a tarsus_session cookie for the API, got ${JSON.stringify(cookies)}`)
    expect(c.httpOnly === true && c.sameSite === 'Strict' && c.path === '/api/', `HttpOnly, SameSite=Strict, Path=/api/, got ${JSON.stringify(c)}`)
    expect(!c.value.includes('.') && c.value.startsWith('tsk_'), 'the cookie to hold the session token')
    // Functions at /<user>/… never receive it.
    expect((await context.cookies(`${BASE}/${USER}/hello`)).every((x) => x.name !== 'tarsus_session'), 'no session cookie for function routes')
    // A state-changing call with the cookie but without the CSRF header is refused.
    const forged = await page.evaluate(async () => (await fetch('/api/v1/runtimes/drop', { method: 'POST', credentials: 'same-origin' })).status)
    expect(forged === 403, `a POST without the CSRF header to be 403, got ${forged}`)
    await page.reload()
    await page.locator('[data-test=first-deploy]').waitFor()
    expect(/\/console\/functions/.test(page.url()), `still signed in after a reload, at ${page.url()}`)
  })

  await step('the other pages teach a new user what to do', async () => {
    const pages = [
      ['invoke', 'No routes to call yet', '02b-invoke-empty'],
      ['logs', 'Waiting for logs', '02c-logs-empty'],
      ['deployments', 'No deployments yet', '02d-deployments-empty'],
      ['metrics', 'No calls yet', '02e-metrics-empty'],
    ]
    for (const [path, text, name] of pages) {
      await page.goto(`${BASE}/console/${path}`)
      await page.getByText(text).first().waitFor()
      await shot(page, name)
    }
    await page.goto(BASE + '/console/functions')
    await page.locator('[data-test=first-deploy]').waitFor()
  })

  await step('upload a TS file with the file picker and see it in the tree', async () => {
    await page.setInputFiles('[data-test=upload-files]', {
      name: 'hello.ts',
      mimeType: 'text/plain',
      buffer: Buffer.from(helloV1),
    })
    await page.locator('[data-test=tree-file][data-path="hello.ts"]').waitFor()
    // The upload opens the file in the editor.
    await page.waitForURL(/\/console\/functions\/hello\.ts$/)
    await until('the source in the editor', async () => (await page.locator('.cm-content').textContent()).includes('version: 1'))
  })

  await step('upload a whole folder: paths are kept, _lib is a shared module', async () => {
    mkdirSync(join(files, 'shop', 'orders'), { recursive: true })
    mkdirSync(join(files, 'shop', '_lib'), { recursive: true })
    mkdirSync(join(files, 'shop', 'node_modules', 'x'), { recursive: true })
    writeFileSync(join(files, 'shop', 'orders', 'create.ts'), orderCreate)
    writeFileSync(join(files, 'shop', '_lib', 'money.ts'), money)
    writeFileSync(join(files, 'shop', 'node_modules', 'x', 'index.js'), 'module.exports = 1')
    writeFileSync(join(files, 'shop', 'notes.txt'), 'not code')
    await page.setInputFiles('[data-test=upload-folder]', join(files, 'shop'))
    await page.locator('[data-test=tree-file][data-path="shop/orders/create.ts"]').waitFor()
    await page.locator('[data-test=tree-file][data-path="shop/_lib/money.ts"]').waitFor()
    expect((await page.locator('[data-path^="shop/node_modules"]').count()) === 0, 'node_modules to be skipped')
    const r = await invoke('shop/orders/create', { amount: 1234 })
    expect(r.status === 200 && r.body.total === '12.34', `shop/orders/create to answer {total:"12.34"}, got ${JSON.stringify(r)}`)
  })

  await step('drop a file on the page to deploy it', async () => {
    const dt = await page.evaluateHandle((src) => {
      const d = new DataTransfer()
      d.items.add(new File([src], 'echo.ts', { type: 'text/plain' }))
      return d
    }, echo)
    // Dropped files go into the folder selected in the tree: the top.
    await page.locator('[data-test=tree-file][data-path="hello.ts"]').click()
    const target = page.locator('.functions')
    await target.dispatchEvent('dragenter', { dataTransfer: dt })
    await page.locator('[data-test=drop-overlay]').waitFor()
    await shot(page, '03-functions-drop')
    await target.dispatchEvent('drop', { dataTransfer: dt })
    await page.locator('[data-test=tree-file][data-path="echo.ts"]').waitFor()
    const r = await invoke('echo', { a: 1 })
    expect(r.status === 200 && r.body.echo?.a === 1, `echo to answer, got ${JSON.stringify(r)}`)
  })

  await step('create a file from a template, then deploy it', async () => {
    await page.click('[data-test=new-file]')
    const path = page.locator('#new-file-path')
    await path.fill('greetings/welcome.ts')
    await shot(page, '03b-new-file')
    await page.getByRole('button', { name: 'Create', exact: true }).click()
    await page.waitForURL(/\/console\/functions\/greetings\/welcome\.ts$/)
    await page.locator('[data-test=tree-file][data-path="greetings/welcome.ts"]').waitFor()
    await until('the template in the editor', async () =>
      (await page.locator('.editor-box .cm-content').textContent()).includes('RouteShorthandOptions'),
    )
    // Nothing is on the server until Deploy.
    expect((await invoke('greetings/welcome', { name: 'x' })).status === 404, 'no route before Deploy')
    await page.click('[data-test=deploy]')
    await until('the deploy', async () => (await invoke('greetings/welcome', { name: 'Tess' })).body.hello === 'Tess')
  })

  await step('call it from the invoke panel and see its JSON, status, duration and cold start', async () => {
    await page.goto(BASE + '/console/invoke/hello')
    await page.locator('[data-test=route-select]').waitFor()
    const body = page.locator('.body-editor .cm-content')
    await body.waitFor()
    await body.fill('{"name": "Ada"}')
    await page.click('[data-test=send]')
    const out = page.locator('[data-test=response-body]')
    await until('the JSON answer', async () => JSON.parse(await out.textContent()).hello === 'Ada')
    const json = JSON.parse(await out.textContent())
    expect(json.version === 1, `version 1, got ${JSON.stringify(json)}`)
    expect((await out.textContent()).includes('\n  "hello"'), 'pretty-printed JSON')
    expect((await page.locator('[data-test=response-status]').textContent()).includes('200'), 'status 200')
    expect(/ms|s$/.test((await page.locator('[data-test=response-duration]').textContent()).trim()), 'a duration')
    const cold = (await page.locator('[data-test=response-cold]').textContent()).trim()
    expect(cold === 'cold start' || cold === 'warm', `cold or warm, got ${cold}`)
    await shot(page, '04-invoke')
  })

  await step('the last request is kept for the route', async () => {
    await page.reload()
    await until('the body restored from history', async () =>
      (await page.locator('.body-editor .cm-content').textContent()).includes('"Ada"'),
    )
    expect((await page.locator('.history-item').count()) >= 1, 'a recent request')
  })

  await step('edit it, deploy, call again and see the new answer', async () => {
    await page.goto(BASE + '/console/functions/hello.ts')
    const editor = page.locator('.editor-box .cm-content')
    await until('the source', async () => (await editor.textContent()).includes('version: 1'))
    await editor.fill(helloV2)
    await page.click('[data-test=deploy]')
    await until('the deploy to finish', async () => (await page.locator('[data-test=deploy]').isDisabled()) === true)
    const r = await invoke('hello', { name: 'Grace' })
    expect(r.body.version === 2 && r.body.hello === 'Grace', `version 2, got ${JSON.stringify(r)}`)
    // And from the invoke panel.
    await page.goto(BASE + '/console/invoke/hello')
    await page.locator('.body-editor .cm-content').fill('{"name": "Grace"}')
    await page.click('[data-test=send]')
    await until('the new answer', async () => JSON.parse(await page.locator('[data-test=response-body]').textContent()).version === 2)
    // The picture of the README: a tree, a file open in the editor.
    await page.goto(BASE + '/console/functions/hello.ts')
    await until('the source', async () => (await page.locator('.editor-box .cm-content').textContent()).includes('version: 2'))
    await quiet(page)
    await shot(page, '00-console')
  })

  await step('deploy a syntax error: the error shows at its line, and nothing changes on the server', async () => {
    await page.goto(BASE + '/console/functions/hello.ts')
    const editor = page.locator('.editor-box .cm-content')
    await until('the source', async () => (await editor.textContent()).includes('version: 2'))
    await editor.fill(helloBroken)
    await page.click('[data-test=deploy]')
    const alert = page.locator('[data-test=deploy-error]')
    await alert.waitFor()
    const text = await alert.textContent()
    expect(/hello\.ts:3:\d+/.test(text), `the error at hello.ts:3, got ${text}`)
    // CodeMirror marks the range on line 3 and the gutter of line 3.
    const mark = page.locator('.editor-box .cm-lintRange-error').first()
    await mark.waitFor()
    const line = await mark.evaluate((el) => {
      const l = el.closest('.cm-line')
      return [...l.parentElement.children].filter((c) => c.classList.contains('cm-line')).indexOf(l) + 1
    })
    expect(line === 3, `the lint mark on line 3, got ${line}`)
    expect((await page.locator('.editor-box .cm-lint-marker-error').count()) >= 1, 'a gutter marker')
    await shot(page, '05-functions-build-error')
    const r = await invoke('hello', { name: 'Grace' })
    expect(r.body.version === 2, `the live version is still 2, got ${JSON.stringify(r)}`)
    // Throw the broken edit away.
    await page.getByRole('button', { name: 'Revert' }).click()
    await until('the reverted source', async () => (await editor.textContent()).includes('version: 2'))
  })

  await step('see a console.log line arrive in the live logs; pause and resume', async () => {
    await page.goto(BASE + '/console/logs')
    await until('the stream to be live', async () => (await page.locator('[data-test=log-state]').textContent()).includes('Live'))
    const name = 'Lin' + run
    await invoke('hello', { name })
    const row = page.locator('[data-test=log-row][data-kind=console]', { hasText: `v2 greets ${name}` })
    await row.waitFor()
    await page.locator('[data-test=log-row][data-kind=invocation]', { hasText: 'hello' }).first().waitFor()
    // Paused: new lines are held back, then shown on resume.
    await page.click('[data-test=log-pause]')
    await invoke('hello', { name: name + '-later' })
    await until('the held line to be counted', async () => /1 new|2 new/.test(await page.locator('[data-test=log-state]').textContent()))
    expect((await page.locator('[data-test=log-row]', { hasText: name + '-later' }).count()) === 0, 'no new line while paused')
    await page.click('[data-test=log-pause]')
    await page.locator('[data-test=log-row]', { hasText: name + '-later' }).waitFor()
    await shot(page, '06-logs')
  })

  await step('roll back to the first upload and see the old answer', async () => {
    await page.goto(BASE + '/console/deployments')
    const first = page.locator('[data-test=deployment]', { hasText: '+ hello.ts' })
    await first.waitFor()
    await shot(page, '07-deployments')
    await first.locator('[data-test=rollback]').click()
    await page.getByRole('button', { name: 'Roll back', exact: true }).click()
    await until('the rollback to be listed', async () =>
      (await page.locator('[data-test=deployment]').first().textContent()).includes('Restored the files of v'),
    )
    const r = await invoke('hello', { name: 'Ada' })
    expect(r.body.version === 1, `version 1 after the rollback, got ${JSON.stringify(r)}`)
  })

  await step('see the calls counted in the metrics; drop the warm runtimes', async () => {
    await page.goto(BASE + '/console/metrics')
    const row = page.locator('[data-test=metrics-row][data-route="hello"]')
    await row.waitFor()
    const calls = Number(await row.locator('[data-test=calls]').textContent())
    expect(calls >= 6, `at least 6 calls of hello counted, got ${calls}`)
    await page.locator('canvas').first().waitFor()
    await page.setViewportSize({ width: 1366, height: 1380 })
    await shot(page, '08-metrics')
    await page.setViewportSize({ width: 1366, height: 820 })
    const warm = Number(await page.locator('[data-test=warm-runtimes]').textContent())
    expect(warm >= 1, `a warm runtime after the calls, got ${warm}`)
    await page.click('[data-test=drop-runtimes]')
    await page.getByRole('button', { name: 'Drop', exact: true }).click()
    await until('no warm runtimes', async () => (await page.locator('[data-test=warm-runtimes]').textContent()).trim() === '0')
  })

  await step('the Access page makes an invocation key (shown once) and revokes it', async () => {
    await page.goto(BASE + '/console/access')
    await page.fill('#new-key-name', 'shop')
    await page.fill('#new-key-routes', 'orders/*')
    await page.click('[data-test=create-key]')
    await page.getByText('Shown once').waitFor()
    const key = (await page.locator('.n-alert').filter({ hasText: 'Shown once' }).innerText()).match(/tik_[A-Za-z0-9_-]+/)?.[0]
    expect(key, 'the new key to be shown')
    const row = page.locator('tr[data-key]').filter({ hasText: 'shop' })
    await row.waitFor()
    expect(!(await row.innerText()).includes(key), 'the listing never to show the key')
    await shot(page, '08b-access')
    await row.getByRole('button', { name: 'Revoke shop' }).click()
    await page.getByRole('button', { name: 'Revoke', exact: true }).click()
    await until('the key to be gone', async () => (await page.locator('tr[data-key]').count()) === 0)
  })

  await step('the layout works on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(BASE + '/console/functions')
    await page.locator('[data-test=tree-file][data-path="hello.ts"]').waitFor()
    await shot(page, '09-phone-functions')
    await page.locator('[data-test=tree-file][data-path="hello.ts"]').click()
    await page.locator('.editor-box .cm-content').waitFor()
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(width <= 390, `no horizontal scrolling on a phone, page is ${width}px wide`)
    await shot(page, '10-phone-editor')
    await page.goto(BASE + '/console/invoke/hello')
    await page.locator('[data-test=send]').click()
    await page.locator('[data-test=response-body]').waitFor()
    await shot(page, '11-phone-invoke')
    await page.getByRole('button', { name: 'Menu' }).click()
    await page.locator('.n-drawer').getByText('Metrics').waitFor()
    await until('the drawer to open', async () => (await page.locator('.n-drawer').boundingBox())?.x === 0)
    await page.waitForFunction(() => !document.querySelector('.n-drawer')?.getAnimations().some((a) => a.playState === 'running'))
    await shot(page, '12-phone-menu')
    await page.setViewportSize({ width: 1366, height: 820 })
  })

  await step('sign out; an admin signs in and manages users', async () => {
    await page.goto(BASE + '/console/functions')
    await page.click('[data-test=account]')
    await page.getByText('Sign out').click()
    await page.waitForURL(/\/console\/login/)
    expect((await context.cookies(BASE + '/api/v1/me')).every((x) => x.name !== 'tarsus_session'), 'signing out to clear the session cookie')
    await page.fill('#login-name', ADMIN_USER)
    await page.fill('#login-password', PASSWORD)
    await page.click('[data-test=login-submit]')
    await page.waitForURL(/\/console\/functions/)
    await page.goto(BASE + '/console/users')
    await page.fill('#new-user-name', 'bob' + run)
    await page.fill('#new-user-password', 'bob-password-1')
    await page.click('[data-test=create-user]')
    await page.locator(`tr[data-user="bob${run}"]`).waitFor()
    await shot(page, '13-users')
    await page.locator(`tr[data-user="bob${run}"]`).getByRole('button', { name: `Delete bob${run}` }).click()
    await page.getByRole('button', { name: 'Delete', exact: true }).click()
    await until('bob to be gone', async () => (await page.locator(`tr[data-user="bob${run}"]`).count()) === 0)
    // An admin can look at another user's functions.
    await page.locator(`tr[data-user="${USER}"]`).getByRole('button', { name: 'Functions' }).click()
    await page.locator('[data-test=tree-file][data-path="hello.ts"]').waitFor()
    await page.locator('[data-test=tree-file][data-path="hello.ts"]').click()
    await until('the source', async () => (await page.locator('.editor-box .cm-content').textContent()).includes('version: 1'))
  })

  await step('no uncaught errors in the page', async () => {
    expect(pageErrors.length === 0, `none, got ${pageErrors.join('; ')}`)
  })
} catch {
  // the step already reported it
} finally {
  await context?.close().catch(() => {})
  rmSync(profile, { recursive: true, force: true })
  rmSync(files, { recursive: true, force: true })
  log(`${passed} passed, ${failed} failed`)
  log(`screenshots: ${SHOTS}`)
  process.exitCode = failed || !passed ? 1 : 0
}
