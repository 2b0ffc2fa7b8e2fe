// A typed client of the Tarsus HTTP API (see the README's API table). Every
// call goes through request(), which sends the session cookie (same-origin)
// with its CSRF header and ?user= (an admin acting on another user), and
// turns error bodies into ApiError.

export interface User {
  name: string
  role: 'admin' | 'user' | string
  createdAt?: string
}

export interface Sizes {
  source: number
  bundle: number
  stored: number
}

export interface FunctionInfo {
  path: string
  route?: string
  kind: 'route' | 'shared' | 'ignored'
  version: number
  updatedAt: string
  sizes: Sizes
  sha256: string
  source?: string
}

export interface Problem {
  file: string
  line?: number
  column?: number
  text: string
  code?: string
  lineText?: string
}

export interface FileResult {
  path: string
  route?: string
  status: 'added' | 'changed' | 'unchanged' | 'removed'
  sizes: Sizes
  buildMs: number
}

export interface DeployResult {
  version: number
  deployment: string
  buildMs?: number
  files: FileResult[] | null
}

export interface Deployment {
  id: string
  version: number
  createdAt: string
  by: string
  via: string
  files: { added: string[] | null; changed: string[] | null; removed: string[] | null }
  rollbackOf?: string
}

export interface LogRecord {
  time: string
  seq: number
  kind: 'console' | 'invocation' | 'system'
  level?: string
  fn?: string
  msg?: string
  reqId?: string
  status?: number
  durationMs?: number
  reqBytes?: number
  respBytes?: number
  cold?: boolean
}

export interface FunctionStats {
  route: string
  invocations: number
  errors: number
  coldStarts: number
  p50Ms: number
  p99Ms: number
  lastCall: string
}

export interface Stats {
  user: string
  warmRuntimes: number
  busyRuntimes: number
  invocations: number
  errors: number
  coldStarts: number
  functions: FunctionStats[] | null
}

export interface History {
  days: { day: string; functions: Record<string, { calls: number; errors: number }> | null }[] | null
  minutes:
    | { t: string; functions: Record<string, { calls: number; errors: number; p50Ms: number; p99Ms: number }> | null }[]
    | null
}

/** A console session: the cookie holds its token, the page its CSRF token. */
export interface Session {
  user: User
  csrfToken: string
  expiresAt?: string
}

/** An error answer of the API (Fastify's shape), or a network failure. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly problems: Problem[]

  constructor(status: number, code: string, message: string, problems: Problem[] = []) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.problems = problems
  }
}

/** What request() needs to know about the session. */
export interface Credentials {
  /** The session's CSRF token ('' when signed out); the cookie carries the session. */
  csrf: () => string
  /** The user acted on, when an admin looks at someone else; '' otherwise. */
  actingAs: () => string
  /** Called on 401: the session is no longer valid. */
  onUnauthorized: () => void
}

interface RequestOptions {
  method?: string
  body?: BodyInit
  json?: unknown
  headers?: Record<string, string>
  query?: Record<string, string | undefined>
  /** Adds ?user= when an admin acts on another user. */
  target?: boolean
  signal?: AbortSignal
}

export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message
  if (err instanceof Error) return err.message
  return String(err)
}

/** Encodes a file path for /functions/{path}, keeping its slashes. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/')
}

export class Api {
  constructor(private readonly creds: Credentials) {}

  url(path: string, query: Record<string, string | undefined> = {}, target = false): string {
    const q = new URLSearchParams()
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, v)
    const as = this.creds.actingAs()
    if (target && as) q.set('user', as)
    const qs = q.toString()
    return path + (qs ? '?' + qs : '')
  }

  async raw(path: string, o: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...o.headers }
    const csrf = this.creds.csrf()
    if (csrf) headers['X-CSRF-Token'] = csrf
    let body = o.body
    if (o.json !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(o.json)
    }
    let res: Response
    try {
      res = await fetch(this.url(path, o.query, o.target), {
        method: o.method ?? 'GET',
        headers,
        body,
        signal: o.signal,
        credentials: 'same-origin',
      })
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e
      throw new ApiError(0, 'NETWORK', 'The server could not be reached. Is `tarsus serve` running?')
    }
    if (!res.ok) throw await errorOf(res, csrf !== '' ? this.creds.onUnauthorized : undefined)
    return res
  }

  async request<T>(path: string, o: RequestOptions = {}): Promise<T> {
    const res = await this.raw(path, o)
    if (res.status === 204) return undefined as T
    const text = await res.text()
    return (text ? JSON.parse(text) : undefined) as T
  }

  /** Signs in: the server sets the HttpOnly session cookie and returns its CSRF token. */
  createSession(name: string, password: string) {
    return this.request<Session>('/api/v1/session', { method: 'POST', json: { name, password } })
  }
  /** The session behind the cookie (after a reload). */
  getSession() {
    return this.request<Session>('/api/v1/session')
  }
  /** Revokes the session and clears its cookie. */
  logout() {
    return this.request<void>('/api/v1/logout', { method: 'POST' })
  }
  me() {
    return this.request<User>('/api/v1/me')
  }
  users() {
    return this.request<User[]>('/api/v1/users')
  }
  createUser(name: string, password: string, role: string) {
    return this.request<User & { token: string }>('/api/v1/users', { method: 'POST', json: { name, password, role } })
  }
  deleteUser(name: string) {
    return this.request<void>('/api/v1/users/' + encodeURIComponent(name), { method: 'DELETE' })
  }

  functions() {
    return this.request<FunctionInfo[] | null>('/api/v1/functions', { target: true })
  }
  getFunction(path: string) {
    return this.request<FunctionInfo>('/api/v1/functions/' + encodePath(path), { target: true })
  }
  putFunction(path: string, source: string) {
    return this.request<{ path: string; route?: string; version: number; deployment: string; status: string; buildMs: number }>(
      '/api/v1/functions/' + encodePath(path),
      { method: 'PUT', body: source, headers: { 'Content-Type': 'text/plain', 'X-Tarsus-Via': 'console' }, target: true },
    )
  }
  deleteFunction(path: string) {
    return this.request<DeployResult>('/api/v1/functions/' + encodePath(path), {
      method: 'DELETE',
      headers: { 'X-Tarsus-Via': 'console' },
      target: true,
    })
  }
  /** One atomic deploy of many files (filename = relative path). */
  deploy(files: { path: string; data: Blob | string }[], opts: { prune?: boolean; keep?: string[] } = {}) {
    const form = new FormData()
    for (const f of files) {
      const blob = typeof f.data === 'string' ? new Blob([f.data], { type: 'text/plain' }) : f.data
      form.append('file', blob, f.path)
    }
    for (const k of opts.keep ?? []) form.append('keep', k)
    return this.request<DeployResult>('/api/v1/deploy', {
      method: 'POST',
      body: form,
      headers: { 'X-Tarsus-Via': 'console' },
      query: { prune: opts.prune ? 'true' : undefined },
      target: true,
    })
  }

  deployments() {
    return this.request<Deployment[] | null>('/api/v1/deployments', { target: true })
  }
  rollback(id: string) {
    return this.request<DeployResult>('/api/v1/deployments/' + encodeURIComponent(id) + '/rollback', {
      method: 'POST',
      headers: { 'X-Tarsus-Via': 'console' },
      target: true,
    })
  }

  logs(query: { fn?: string; since?: string; limit?: string } = {}) {
    return this.request<LogRecord[] | null>('/api/v1/logs', { query, target: true })
  }
  /** The live log stream (text/event-stream); read it with readEvents(). */
  followLogs(signal: AbortSignal, limit = 200) {
    return this.raw('/api/v1/logs', {
      query: { follow: 'true', limit: String(limit) },
      headers: { Accept: 'text/event-stream' },
      target: true,
      signal,
    })
  }

  stats() {
    return this.request<Stats>('/api/v1/stats', { target: true })
  }
  history() {
    return this.request<History>('/api/v1/stats/history', { target: true })
  }
  dropRuntimes() {
    return this.request<{ dropped: number }>('/api/v1/runtimes/drop', { method: 'POST', target: true })
  }

  // ---- environment variables, secrets and KV (EnvView, KVView) ----
  env() {
    return this.request<EnvVar[]>('/api/v1/env', { target: true })
  }
  /** Sets a variable or a secret; a secret is never read back. */
  setEnv(name: string, value: string, secret: boolean) {
    return this.request<void>('/api/v1/env/' + encodeURIComponent(name), { method: 'PUT', json: { value, secret }, target: true })
  }
  deleteEnv(name: string) {
    return this.request<void>('/api/v1/env/' + encodeURIComponent(name), { method: 'DELETE', target: true })
  }
  kvList(prefix: string, cursor = '', limit = 100) {
    return this.request<KVPage>('/api/v1/kv', { query: { prefix, cursor, limit: String(limit) }, target: true })
  }
  /** A key's value as bytes, with its expiry (ISO) when it has one. */
  async kvGet(key: string): Promise<{ value: Uint8Array; expiresAt: string }> {
    const res = await this.raw('/api/v1/kv/' + encodeURIComponent(key), { target: true })
    return { value: new Uint8Array(await res.arrayBuffer()), expiresAt: res.headers.get('X-Tarsus-KV-Expires-At') ?? '' }
  }
  kvPut(key: string, value: string, ttlSeconds?: number) {
    return this.request<{ key: string; version: number; expiresAt?: string }>('/api/v1/kv/' + encodeURIComponent(key), {
      method: 'PUT',
      body: value,
      headers: { 'Content-Type': 'application/octet-stream' },
      query: { ttl: ttlSeconds ? String(ttlSeconds) : undefined },
      target: true,
    })
  }
  kvDelete(key: string) {
    return this.request<void>('/api/v1/kv/' + encodeURIComponent(key), { method: 'DELETE', target: true })
  }
  // Access to functions: invocation keys and schedules.
  keys() {
    return this.request<InvocationKey[] | null>('/api/v1/keys', { target: true })
  }
  createKey(name: string, routes: string[], expiresAt?: string) {
    return this.request<InvocationKey & { key: string }>('/api/v1/keys', {
      method: 'POST',
      json: { name, routes: routes.length ? routes : undefined, expiresAt },
      target: true,
    })
  }
  revokeKey(id: string) {
    return this.request<void>('/api/v1/keys/' + encodeURIComponent(id), { method: 'DELETE', target: true })
  }
  schedules() {
    return this.request<ScheduleInfo[] | null>('/api/v1/schedules', { target: true })
  }
}

/** An environment variable; a secret comes without its value. */
export interface EnvVar {
  name: string
  value?: string
  secret: boolean
  updatedAt: string
}

export interface KVPage {
  keys: { name: string; expiresAt?: string }[]
  cursor?: string
}

/** An invocation key as listed: never its secret. */
export interface InvocationKey {
  id: string
  name: string
  routes?: string[]
  createdAt?: string
  expiresAt?: string
}

/** A route with opts.config.schedule. */
export interface ScheduleInfo {
  path: string
  route: string
  schedule: string
  next?: string
  lastRun?: string
  runs: number
  skipped: number
  running?: boolean
}

async function errorOf(res: Response, onUnauthorized?: () => void): Promise<ApiError> {
  let body: { code?: string; message?: string; errors?: Problem[] } = {}
  try {
    body = await res.json()
  } catch {
    // not JSON: keep the status line
  }
  if (res.status === 401 && onUnauthorized) onUnauthorized()
  const msg = body.message || `${res.status} ${res.statusText || 'error'}`
  return new ApiError(res.status, body.code ?? 'HTTP_' + res.status, msg, body.errors ?? [])
}

/**
 * readEvents parses a text/event-stream body (fetch + ReadableStream, which
 * sends the CSRF header like every call and stops at once on abort) and
 * calls onData with each event's data. It resolves when the stream ends.
 */
export async function readEvents(body: ReadableStream<Uint8Array>, onData: (data: string) => void): Promise<void> {
  const reader = body.getReader()
  const dec = new TextDecoder()
  let buf = ''
  try {
    for (;;) {
      const { value, done } = await reader.read()
      if (done) break
      buf += dec.decode(value, { stream: true })
      buf = drainEvents(buf, onData)
    }
    buf += dec.decode()
    drainEvents(buf + '\n\n', onData)
  } finally {
    reader.releaseLock()
  }
}

/** drainEvents hands every complete event in buf to onData and returns the rest. */
export function drainEvents(buf: string, onData: (data: string) => void): string {
  buf = buf.replace(/\r\n?/g, '\n')
  let i: number
  while ((i = buf.indexOf('\n\n')) >= 0) {
    const block = buf.slice(0, i)
    buf = buf.slice(i + 2)
    const data: string[] = []
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue // comment (": live", ": ping")
      if (line === 'data') data.push('')
      else if (line.startsWith('data:')) data.push(line.slice(line[5] === ' ' ? 6 : 5))
    }
    if (data.length) onData(data.join('\n'))
  }
  return buf
}
