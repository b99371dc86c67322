import type { Locator, Page } from '@playwright/test'

/** The live swarm panel of one tab (piece map, neighbours, choker log, charts, glance). */
export class SwarmView {
  readonly page: Page

  constructor(page: Page) {
    this.page = page
  }

  pieceMap(): Locator {
    return this.page.getByTestId('piece-map')
  }

  chokerLog(): Locator {
    return this.page.getByTestId('choker-log')
  }

  chokeEvents(kind: 'round' | 'optimistic'): Locator {
    return this.page.locator(`[data-testid="choke-event"][data-kind="${kind}"]`)
  }

  chart(direction: 'down' | 'up'): Locator {
    return this.page.locator(`[data-testid="throughput-chart"][data-direction="${direction}"]`)
  }

  glance(): Locator {
    return this.page.getByTestId('swarm-glance')
  }

  /** A numeric data attribute of an element, NaN when absent. */
  async number(element: Locator, attribute: string): Promise<number> {
    const value = await element.first().getAttribute(attribute)
    return value === null || value === '' ? Number.NaN : Number(value)
  }

  /** The piece map's counts, read in one go so they come from the same snapshot. */
  async pieceCounts(): Promise<{ count: number; held: number; inFlight: number; missing: number }> {
    return this.pieceMap().evaluate((map) => {
      const read = (name: string): number => Number(map.getAttribute(name))
      return {
        count: read('data-piece-count'),
        held: read('data-held'),
        inFlight: read('data-in-flight'),
        missing: read('data-missing'),
      }
    })
  }

  /** The sum of the neighbour rows' download rates, bytes/s. */
  async neighbourDownBps(): Promise<number> {
    const rates = await this.page
      .getByTestId('peer-row')
      .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-down-bps'))))
    return rates.reduce((sum, rate) => sum + rate, 0)
  }
}
