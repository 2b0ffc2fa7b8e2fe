// The last requests sent from the invoke panel, kept per route in localStorage.

export interface SavedRequest {
  body: string
  query: string
  headers: { key: string; value: string }[]
  at: string
  status?: number
  durationMs?: number
}

const MAX = 10

function key(user: string, route: string) {
  return `tarsus.invoke.${user}/${route}`
}

export function loadHistory(user: string, route: string): SavedRequest[] {
  try {
    const v = JSON.parse(localStorage.getItem(key(user, route)) ?? '[]')
    return Array.isArray(v) ? (v as SavedRequest[]) : []
  } catch {
    return []
  }
}

/** Puts r first, drops an older identical request, keeps the newest MAX. */
export function saveRequest(user: string, route: string, r: SavedRequest): SavedRequest[] {
  const same = (a: SavedRequest) =>
    a.body === r.body && a.query === r.query && JSON.stringify(a.headers) === JSON.stringify(r.headers)
  const list = [r, ...loadHistory(user, route).filter((a) => !same(a))].slice(0, MAX)
  try {
    localStorage.setItem(key(user, route), JSON.stringify(list))
  } catch {
    // storage full or disabled: history is a convenience
  }
  return list
}
