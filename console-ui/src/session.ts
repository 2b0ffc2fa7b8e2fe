// The signed-in session: token and user, kept in localStorage so a reload
// stays signed in, and the user an admin is acting on (?user=).
import { computed, reactive } from 'vue'
import { Api, type User } from './api'

const TOKEN_KEY = 'tarsus.token'
const ACT_KEY = 'tarsus.actingAs'

interface SessionState {
  token: string
  user: User | null
  /** '' = the signed-in user's own functions. */
  actingAs: string
  /** Set when the server refused the token (expired, user deleted). */
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
    // private mode: the session lasts until the tab closes
  }
}

export const session = reactive<SessionState>({
  token: read(TOKEN_KEY),
  user: null,
  actingAs: read(ACT_KEY),
  expired: false,
})

export const api = new Api({
  token: () => session.token,
  actingAs: () => (session.user && session.actingAs && session.actingAs !== session.user.name ? session.actingAs : ''),
  onUnauthorized: () => {
    if (session.token) {
      session.expired = true
      signOut()
    }
  },
})

/** The user whose functions the console shows. */
export const owner = computed(() => (session.actingAs && session.user?.role === 'admin' ? session.actingAs : session.user?.name ?? ''))

export const isAdmin = computed(() => session.user?.role === 'admin')

export async function signIn(name: string, password: string) {
  const r = await api.login(name, password)
  session.token = r.token
  session.user = r.user
  session.expired = false
  session.actingAs = ''
  write(TOKEN_KEY, r.token)
  write(ACT_KEY, '')
}

/** Loads the user behind a stored token; false when there is none or it is refused. */
export async function restore(): Promise<boolean> {
  if (!session.token) return false
  if (session.user) return true
  try {
    session.user = await api.me()
    if (session.user.role !== 'admin') session.actingAs = ''
    return true
  } catch {
    return false
  }
}

export function signOut() {
  session.token = ''
  session.user = null
  session.actingAs = ''
  write(TOKEN_KEY, '')
  write(ACT_KEY, '')
}

export function actAs(name: string) {
  session.actingAs = name === session.user?.name ? '' : name
  write(ACT_KEY, session.actingAs)
}
