// The signed-in session. The session token lives only in an HttpOnly
// cookie the server sets (scripts cannot read it); the page keeps the
// session's CSRF token in memory and gets it back from GET /api/v1/session
// after a reload. Only the user an admin is acting on (?user=) is kept in
// localStorage.
import { computed, reactive } from 'vue'
import { Api, type User } from './api'

const ACT_KEY = 'tarsus.actingAs'
// Consoles before cookie sessions kept the API token here: drop it.
const OLD_TOKEN_KEY = 'tarsus.token'

interface SessionState {
  /** The session's CSRF token; '' when signed out. */
  csrf: string
  user: User | null
  /** '' = the signed-in user's own functions. */
  actingAs: string
  /** Set when the server refused the session (expired, revoked, user deleted). */
  expired: boolean
}

function read(key: string): string {
  try {
    return localStorage.getItem(key) ?? ''
  } catch {
    return ''
  }
}

function write(key: string, value: string) {
  try {
    if (value) localStorage.setItem(key, value)
    else localStorage.removeItem(key)
  } catch {
    // private mode: the choice lasts until the tab closes
  }
}

write(OLD_TOKEN_KEY, '')

export const session = reactive<SessionState>({
  csrf: '',
  user: null,
  actingAs: read(ACT_KEY),
  expired: false,
})

export const api = new Api({
  csrf: () => session.csrf,
  actingAs: () => (session.user && session.actingAs && session.actingAs !== session.user.name ? session.actingAs : ''),
  onUnauthorized: () => {
    if (session.user) {
      session.expired = true
      forget()
    }
  },
})

/** The user whose functions the console shows. */
export const owner = computed(() => (session.actingAs && session.user?.role === 'admin' ? session.actingAs : session.user?.name ?? ''))

export const isAdmin = computed(() => session.user?.role === 'admin')

export async function signIn(name: string, password: string) {
  const r = await api.createSession(name, password)
  session.csrf = r.csrfToken
  session.user = r.user
  session.expired = false
  session.actingAs = ''
  write(ACT_KEY, '')
}

/** Loads the user behind the session cookie; false when there is none or it is refused. */
export async function restore(): Promise<boolean> {
  if (session.user) return true
  try {
    const r = await api.getSession()
    session.csrf = r.csrfToken
    session.user = r.user
    if (session.user.role !== 'admin') session.actingAs = ''
    return true
  } catch {
    return false
  }
}

function forget() {
  session.csrf = ''
  session.user = null
  session.actingAs = ''
  write(ACT_KEY, '')
}

/** Revokes the session on the server (which clears the cookie) and forgets it here. */
export async function signOut() {
  try {
    if (session.csrf) await api.logout()
  } catch {
    // already gone on the server: nothing left to revoke
  }
  forget()
}

export function actAs(name: string) {
  session.actingAs = name === session.user?.name ? '' : name
  write(ACT_KEY, session.actingAs)
}
