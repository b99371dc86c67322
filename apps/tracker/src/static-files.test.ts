import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { type TrackerServer, createTrackerServer } from './create-server.ts'
import { resolveInside } from './static-files.ts'

const INDEX_HTML = '<!doctype html><title>Swarmdrop</title>'
const SECRET = 'outside the web root'

let sandbox: string
let webRoot: string

beforeAll(async () => {
  sandbox = await mkdtemp(join(tmpdir(), 'swarmdrop-static-'))
  webRoot = join(sandbox, 'dist')
  await mkdir(join(webRoot, 'assets'), { recursive: true })
  await writeFile(join(webRoot, 'index.html'), INDEX_HTML)
  await writeFile(join(webRoot, 'assets', 'index-abc123.js'), 'console.log(1)')
  await writeFile(join(webRoot, 'assets', 'index-abc123.css'), 'body{}')
  await writeFile(join(webRoot, 'favicon.svg'), '<svg/>')
  await writeFile(join(webRoot, 'sw.js'), 'self.addEventListener("fetch", () => {})')
  await writeFile(join(webRoot, 'manifest.webmanifest'), '{"name":"Swarmdrop"}')
  await writeFile(join(sandbox, 'secret.txt'), SECRET)
})
afterAll(async () => {
  await rm(sandbox, { recursive: true, force: true })
})

let server: TrackerServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const serve = async (staticDir?: string): Promise<TrackerServer> => {
  server = await createTrackerServer({
    host: '127.0.0.1',
    ...(staticDir === undefined ? {} : { staticDir }),
  })
  return server
}

/** A request whose path goes out exactly as written: fetch would normalise `..` away. */
const rawGet = (
  port: number,
  path: string,
  method = 'GET',
): Promise<{ status: number; type: string; body: string }> =>
  new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', body }),
      )
    })
    req.on('error', reject)
    req.end()
  })

describe('static files', () => {
  it('serves the build with the right content types', async () => {
    const { port } = await serve(webRoot)
    const cases: [string, string, string][] = [
      ['/', 'text/html', INDEX_HTML],
      ['/index.html', 'text/html', INDEX_HTML],
      ['/assets/index-abc123.js', 'text/javascript', 'console.log(1)'],
      ['/assets/index-abc123.css', 'text/css', 'body{}'],
      ['/favicon.svg', 'image/svg+xml', '<svg/>'],
    ]
    for (const [path, type, body] of cases) {
      const res = await rawGet(port, path)
      expect({ path, status: res.status, body: res.body }).toEqual({ path, status: 200, body })
      expect(res.type).toContain(type)
    }
  })

  it('[PWA-3] serves the service worker and manifest with their types, always revalidated', async () => {
    const { port } = await serve(webRoot)
    for (const [path, type] of [
      ['/sw.js', 'text/javascript'],
      ['/manifest.webmanifest', 'application/manifest+json'],
    ] as const) {
      const res = await fetch(`http://127.0.0.1:${port}${path}`)
      expect(res.status, path).toBe(200)
      expect(res.headers.get('content-type'), path).toContain(type)
      expect(res.headers.get('cache-control'), path).toBe('no-cache')
    }
    const asset = await fetch(`http://127.0.0.1:${port}/assets/index-abc123.js`)
    expect(asset.headers.get('cache-control')).toContain('immutable')
  })

  it('[PWA-4] a share-target POST without a service worker opens the app', async () => {
    const { port } = await serve(webRoot)
    const res = await fetch(`http://127.0.0.1:${port}/share-target`, {
      method: 'POST',
      body: new FormData(),
      redirect: 'manual',
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/')
  })

  it('falls back to index.html for client-side routes but not for missing assets', async () => {
    const { port } = await serve(webRoot)
    const route = await rawGet(port, '/some/route?x=1')
    expect(route).toMatchObject({ status: 200, body: INDEX_HTML })
    expect(route.type).toContain('text/html')
    expect((await rawGet(port, '/assets/missing.js')).status).toBe(404)
  })

  it('never serves a file outside the web root', async () => {
    const { port } = await serve(webRoot)
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%2e%2e%5csecret.txt',
      `/${encodeURIComponent(join(sandbox, 'secret.txt'))}`,
      '/index.html%00.js',
      '/%E0%A4%A',
    ]
    for (const path of attempts) {
      const res = await rawGet(port, path)
      expect({ path, leaked: res.body.includes(SECRET) }).toEqual({ path, leaked: false })
    }
  })

  it('resolveInside rejects escapes and keeps paths under root', () => {
    const root = join(sandbox, 'dist')
    expect(resolveInside(root, '/assets/a.js')).toBe(join(root, 'assets', 'a.js'))
    expect(resolveInside(root, '/..%2fsecret.txt')).toBeUndefined()
    expect(resolveInside(root, '/a%00b')).toBeUndefined()
    expect(resolveInside(root, '/%E0%A4%A')).toBeUndefined()
  })

  it('answers /healthz, rejects writes, and leaves /socket.io to Socket.IO', async () => {
    const { port } = await serve(webRoot)
    expect(await rawGet(port, '/healthz')).toMatchObject({ status: 200, body: 'ok' })
    expect((await rawGet(port, '/index.html', 'POST')).status).toBe(405)
    expect(await rawGet(port, '/index.html', 'HEAD')).toMatchObject({ status: 200, body: '' })
    const handshake = await rawGet(port, '/socket.io/?EIO=4&transport=polling')
    expect(handshake.status).toBe(200)
    expect(handshake.body).toMatch(/^0\{"sid":/)
  })

  it('without a static dir, serves only /healthz', async () => {
    const { port } = await serve(join(sandbox, 'does-not-exist'))
    expect(await rawGet(port, '/healthz')).toMatchObject({ status: 200, body: 'ok' })
    expect((await rawGet(port, '/')).status).toBe(404)
    await server?.close()
    const bare = await serve()
    expect((await rawGet(bare.port, '/index.html')).status).toBe(404)
  })
})
