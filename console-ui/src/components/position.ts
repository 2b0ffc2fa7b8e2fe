import type { Text } from '@codemirror/state'

/** A problem at a 1-based line and 1-based UTF-8 byte column (esbuild's convention). */
export interface EditorProblem {
  line: number
  column: number
  message: string
  severity?: 'error' | 'warning' | 'info'
}

/** Converts a 1-based line and 1-based UTF-8 byte column to a document offset. */
export function offsetOf(doc: Text, line: number, byteColumn: number): number {
  if (line < 1) return 0
  if (line > doc.lines) return doc.length
  const l = doc.line(line)
  let bytes = Math.max(0, byteColumn - 1)
  let i = 0
  while (i < l.text.length && bytes > 0) {
    const c = l.text.codePointAt(i)!
    bytes -= c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4
    i += c >= 0x10000 ? 2 : 1
  }
  return l.from + i
}
