// The network lab as one object: the internet with coturn and the apps on it, started once, and
// homes (router + namespace + Chromium) added and removed around it.
//
// This tracks: 1. the servers it started (stopped by stop()); 2. the homes alive now, each with
// its browser (closed and removed by removeHome() or stop()); 3. the next home number.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { Browser, BrowserContext } from '@playwright/test'

import { launchInHome } from './browser.ts'
import {
  type Home,
  MAX_HOMES,
  type NatKind,
  createHome,
  createInternet,
  removeHome,
  removeLab,
} from './network.ts'
import {
  LAB_STUN_URL,
  LAB_TURN_SECRET,
  LAB_TURN_TCP_URL,
  LAB_TURN_UDP_URL,
  type LabApp,
  type LabProcess,
  startApp,
  startCoturn,
} from './servers.ts'

/**
 * The apps on the lab's internet, one per ICE configuration a case needs:
 * - `stun`: STUN_URLS = the lab's coturn, no TURN (what most deployments start with);
 * - `turn`: STUN plus TURN over UDP and TCP with minted credentials (TURN_SECRET).
 */
export type AppName = 'stun' | 'turn'

const APP_PORTS: Readonly<Record<AppName, number>> = { stun: 8080, turn: 8081 }

/** A home with its own Chromium. */
export interface LabHome extends Home {
  readonly browser: Browser
  /** A fresh browser context (its own storage) whose relative URLs go to `app`. */
  newContext(app: AppName): Promise<BrowserContext>
}

/** The running lab. */
export class NetLab {
  readonly #workDir: string
  readonly #coturn: LabProcess
  readonly #apps: Readonly<Record<AppName, LabApp>>
  readonly #homes = new Set<LabHome>()
  readonly #bareHomes = new Set<Home>()
  #nextHome = 1

  private constructor(workDir: string, coturn: LabProcess, apps: Record<AppName, LabApp>) {
    this.#workDir = workDir
    this.#coturn = coturn
    this.#apps = apps
  }

  /**
   * Clears whatever a crashed run left, builds the internet and starts coturn and the apps.
   * On failure, removes what it had made.
   * @param options.staticDir the web build the apps serve (default apps/web/dist)
   */
  static async start(options: { readonly staticDir?: string } = {}): Promise<NetLab> {
    await removeLab()
    const workDir = await mkdtemp(join(tmpdir(), 'swarmdrop-netlab-'))
    const started: LabProcess[] = []
    try {
      await createInternet()
      const coturn = await startCoturn(workDir)
      started.push(coturn)
      const stun = await startApp(
        'app (STUN)',
        APP_PORTS.stun,
        {
          stunUrls: [LAB_STUN_URL],
          turnUrls: [],
        },
        options.staticDir,
      )
      started.push(stun)
      const turn = await startApp(
        'app (STUN + TURN)',
        APP_PORTS.turn,
        {
          stunUrls: [LAB_STUN_URL],
          turnUrls: [LAB_TURN_UDP_URL, LAB_TURN_TCP_URL],
          turnSecret: LAB_TURN_SECRET,
        },
        options.staticDir,
      )
      started.push(turn)
      return new NetLab(workDir, coturn, { stun, turn })
    } catch (error) {
      await Promise.all(started.map(async (server) => server.stop()))
      await removeLab()
      await rm(workDir, { recursive: true, force: true })
      throw error
    }
  }

  /** The origin of one of the lab's apps, as a home reaches it. */
  appUrl(app: AppName): string {
    return this.#apps[app].url
  }

  /** What coturn printed lately (for a failing case's report). */
  coturnOutput(): string {
    return this.#coturn.output()
  }

  /** What the apps printed lately. */
  appOutput(): string {
    return Object.values(this.#apps)
      .map((app) => `${app.name}:\n${app.output()}`)
      .join('\n')
  }

  /** Adds a home behind a router of the given kind, with no browser (for network probes). */
  async addBareHome(nat: NatKind): Promise<Home> {
    if (this.#nextHome > MAX_HOMES) {
      throw new Error(`the lab has numbers for ${MAX_HOMES} homes`)
    }
    const index = this.#nextHome
    this.#nextHome += 1
    const home = await createHome(index, nat)
    this.#bareHomes.add(home)
    return home
  }

  /** Adds a home behind a router of the given kind, with its Chromium started. */
  async addHome(nat: NatKind): Promise<LabHome> {
    const home = await this.addBareHome(nat)
    this.#bareHomes.delete(home)
    try {
      const origins = Object.values(this.#apps).map((app) => app.url)
      const browser = await launchInHome(home, origins, this.#workDir)
      const labHome: LabHome = {
        ...home,
        browser,
        newContext: async (app) =>
          browser.newContext({ acceptDownloads: true, baseURL: this.appUrl(app) }),
      }
      this.#homes.add(labHome)
      return labHome
    } catch (error) {
      await removeHome(home)
      throw error
    }
  }

  /** Closes a home's browser, if it has one, and removes the home and its router. */
  async removeHome(home: Home | LabHome): Promise<void> {
    if ('browser' in home) {
      this.#homes.delete(home)
      await home.browser.close().catch(() => {})
    }
    this.#bareHomes.delete(home)
    await removeHome(home)
  }

  /** Removes every home, stops the servers and deletes every lab namespace. */
  async stop(): Promise<void> {
    for (const home of [...this.#homes, ...this.#bareHomes]) {
      await this.removeHome(home)
    }
    await Promise.all([...Object.values(this.#apps), this.#coturn].map(async (p) => p.stop()))
    await removeLab()
    await rm(this.#workDir, { recursive: true, force: true })
  }
}
