// Small display helpers shared by the views.

export function bytes(n: number | undefined): string {
  if (n === undefined || n === null) return '—'
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}

export function ms(n: number | undefined): string {
  if (n === undefined || n === null || Number.isNaN(n)) return '—'
  if (n < 1) return `${n.toFixed(2)} ms`
  if (n < 100) return `${n.toFixed(1)} ms`
  if (n < 10000) return `${Math.round(n)} ms`
  return `${(n / 1000).toFixed(1)} s`
}

const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' })

/** "3 minutes ago"; '' for a zero time. */
export function ago(iso: string | undefined, now = Date.now()): string {
  if (!iso) return ''
  const t = Date.parse(iso)
  if (!Number.isFinite(t) || t <= 0) return ''
  const s = Math.round((t - now) / 1000)
  const a = Math.abs(s)
  if (a < 45) return 'just now'
  if (a < 3600) return rtf.format(Math.round(s / 60), 'minute')
  if (a < 86400) return rtf.format(Math.round(s / 3600), 'hour')
  return rtf.format(Math.round(s / 86400), 'day')
}

export function dateTime(iso: string | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime()) || d.getTime() <= 0) return ''
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' })
}

export function clock(iso: string): string {
  const d = new Date(iso)
  return d.toLocaleTimeString(undefined, { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0')
}

export function percent(part: number, whole: number): string {
  if (!whole) return '0%'
  const p = (part / whole) * 100
  return (p < 10 && p > 0 ? p.toFixed(1) : Math.round(p).toString()) + '%'
}

/** Pretty-prints JSON text; other text comes back as it is. */
export function pretty(text: string): { text: string; json: boolean } {
  try {
    return { text: JSON.stringify(JSON.parse(text), null, 2), json: true }
  } catch {
    return { text, json: false }
  }
}
