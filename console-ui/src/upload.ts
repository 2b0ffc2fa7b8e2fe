// Gathering files to upload from a file picker or a drop, with their paths
// relative to the folder the user picked or dropped.
import { isUploadable } from './templates'

export interface PickedFile {
  path: string
  file: File
}

/** Files from an <input type=file> (webkitRelativePath keeps folder paths). */
export function fromInput(list: FileList | null): PickedFile[] {
  return Array.from(list ?? []).map((file) => ({ path: file.webkitRelativePath || file.name, file }))
}

/** Files and folders dropped on the page, folders walked recursively. */
export async function fromDrop(dt: DataTransfer): Promise<PickedFile[]> {
  const entries: FileSystemEntry[] = []
  for (const item of Array.from(dt.items ?? [])) {
    const e = item.kind === 'file' ? item.webkitGetAsEntry?.() : null
    if (e) entries.push(e)
  }
  if (!entries.length) return Array.from(dt.files).map((file) => ({ path: file.name, file }))
  const out: PickedFile[] = []
  for (const e of entries) await walk(e, '', out)
  return out
}

async function walk(entry: FileSystemEntry, prefix: string, out: PickedFile[]): Promise<void> {
  const path = prefix + entry.name
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject))
    out.push({ path, file })
    return
  }
  if (!entry.isDirectory || entry.name === 'node_modules' || entry.name.startsWith('.')) return
  const reader = (entry as FileSystemDirectoryEntry).createReader()
  // readEntries returns the listing in batches until an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject))
    if (!batch.length) break
    for (const child of batch) await walk(child, path + '/', out)
  }
}

/** Splits picked files into what the server stores and what it would ignore. */
export function plan(files: PickedFile[], folder: string): { upload: PickedFile[]; skipped: string[] } {
  const upload: PickedFile[] = []
  const skipped: string[] = []
  const base = folder ? folder.replace(/\/+$/, '') + '/' : ''
  for (const f of files) {
    const path = base + f.path.replace(/^\/+/, '')
    if (isUploadable(path)) upload.push({ path, file: f.file })
    else skipped.push(f.path)
  }
  return { upload, skipped }
}
