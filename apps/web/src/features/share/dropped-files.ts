import type { PickedFile } from './pick-files.ts'
import { pickedFromList } from './pick-files.ts'

/**
 * What a drop carried. A dropped folder shows in `files` as an unreadable stand-in, so folders
 * are walked through their entries; without any, the files are taken as they are, at once.
 * Entries must be taken during the drop event: the DataTransfer is emptied after it.
 */
export function droppedFiles(data: DataTransfer): PickedFile[] | Promise<PickedFile[]> {
  // A drop synthesised without items (tests, some embedders) still carries `files`.
  const items = data.items as DataTransferItemList | undefined
  const entries = Array.from(items ?? [], (item) => item.webkitGetAsEntry())
  if (entries.length === 0 || !entries.some((entry) => entry?.isDirectory === true)) {
    return pickedFromList(data.files)
  }
  return walk(
    entries.filter((entry) => entry !== null),
    [],
  )
}

async function walk(entries: readonly FileSystemEntry[], parent: string[]): Promise<PickedFile[]> {
  const picked: PickedFile[] = []
  for (const entry of entries) {
    const path = [...parent, entry.name]
    if (isDirectory(entry)) {
      picked.push(...(await walk(await readAll(entry.createReader()), path)))
    } else if (isFile(entry)) {
      picked.push({ file: await fileOf(entry), path })
    }
  }
  return picked
}

const isDirectory = (entry: FileSystemEntry): entry is FileSystemDirectoryEntry => entry.isDirectory
const isFile = (entry: FileSystemEntry): entry is FileSystemFileEntry => entry.isFile

/** readEntries answers in batches (Chromium: 100) and an empty batch at the end. */
async function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  const all: FileSystemEntry[] = []
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    )
    if (batch.length === 0) {
      return all
    }
    all.push(...batch)
  }
}

const fileOf = (entry: FileSystemFileEntry): Promise<File> =>
  new Promise((resolve, reject) => entry.file(resolve, reject))
