import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'

/** Content types of what a Vite build emits; anything else is served as bytes. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
}

/** The web app's Web Share Target (its manifest's `share_target.action`, SPEC PWA-4). */
export const SHARE_TARGET_PATH = '/share-target'

/** Returns the Content-Type for a file name. */
export const contentTypeOf = (path: string): string =>
  CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'

/** Serves one request; resolves once the response is under way or finished. */
export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>

/**
 * Serves the files under `rootDir` (a Vite build) with an SPA fallback: a path whose last segment
 * has no extension gets index.html, since it is a client-side route, while a missing asset stays
 * a 404 so a broken build shows up as such rather than as HTML parsed as script.
 */
export function createStaticHandler(rootDir: string): StaticHandler {
  const root = resolve(rootDir)
  const indexFile = join(root, 'index.html')

  return async (req, res) => {
    if (req.method === 'POST' && req.url?.split('?')[0] === SHARE_TARGET_PATH) {
      // The share target is the service worker's (SPEC PWA-4); a POST that reaches the server
      // means there was no worker to take the file. Open the app rather than show an error.
      res.writeHead(303, { Location: '/' })
      res.end()
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendText(res, 405, 'method not allowed', { Allow: 'GET, HEAD' })
    }
    const file = resolveInside(root, req.url ?? '/')
    if (file === undefined) {
      return sendText(res, 400, 'bad path')
    }
    const found = (await fileAt(file)) ?? (await fileAt(join(file, 'index.html')))
    if (found !== undefined) {
      return sendFile(req, res, found, root)
    }
    if (extname(file) === '') {
      const index = await fileAt(indexFile)
      if (index !== undefined) {
        return sendFile(req, res, index, root)
      }
    }
    return sendText(res, 404, 'not found')
  }
}

/**
 * Maps a request URL to a path under root, or undefined when it would leave root (`..`, encoded
 * slashes, absolute paths) or cannot be decoded.
 */
export function resolveInside(root: string, url: string): string | undefined {
  let pathname: string
  try {
    pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname)
  } catch {
    return undefined
  }
  if (pathname.includes('\0')) {
    return undefined
  }
  const file = resolve(root, `.${pathname}`)
  const rel = relative(root, file)
  if (rel.startsWith('..') || isAbsolute(rel)) {
    return undefined
  }
  return file
}

interface FoundFile {
  readonly path: string
  readonly size: number
}

async function fileAt(path: string): Promise<FoundFile | undefined> {
  try {
    const info = await stat(path)
    return info.isFile() ? { path, size: info.size } : undefined
  } catch {
    return undefined
  }
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: FoundFile, root: string): void {
  // Vite fingerprints everything under assets/, so those may be cached forever; index.html
  // must be revalidated or a deploy would keep serving stale script names, and so must sw.js and
  // the manifest (no-cache, SPEC PWA-3): a cached worker would keep an old build's shell.
  const immutable = relative(root, file.path).split(sep)[0] === 'assets'
  res.writeHead(200, {
    'Content-Type': contentTypeOf(file.path),
    'Content-Length': file.size,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  })
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  const stream = createReadStream(file.path)
  stream.on('error', () => res.destroy())
  stream.pipe(res)
}

/** Sends a short plain-text response. */
export function sendText(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  })
  res.end(body)
}
