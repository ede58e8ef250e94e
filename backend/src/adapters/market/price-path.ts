import { hash32, mulberry32, normal } from '../../domain/random/prng.js';

/**
 * A seeded price path with regimes: trending up or down, ranging (mean-reverting to an anchor),
 * each with low, normal or high volatility, switching after a random number of steps. The n-th
 * price depends only on (seed, symbol, n), so the same seed always gives the same prices.
 */
export class PricePath {
  private readonly rand: () => number;
  private readonly tick: number;
  private readonly baseVol: number;
  private price: number;
  private anchor: number;
  private drift = 0;
  private vol = 1;
  private ranging = false;
  private left = 0;

  constructor(o: {
    seed: number;
    symbol: string;
    startPrice: number;
    vol: number;
    tickSize: number;
  }) {
    this.rand = mulberry32((o.seed ^ hash32(o.symbol)) >>> 0);
    this.price = o.startPrice;
    this.anchor = o.startPrice;
    this.baseVol = o.vol;
    this.tick = o.tickSize;
  }

  private switchRegime(): void {
    const r = this.rand();
    this.ranging = r < 0.4;
    const dir = this.rand() < 0.5 ? -1 : 1;
    // A trend is a small bias against the noise (0.2-1 % of a step's volatility): a regime of a
    // few thousand steps moves the price by a few percent, as markets trend, not tenfold.
    this.drift = this.ranging ? 0 : dir * this.baseVol * (0.002 + 0.008 * this.rand());
    const v = this.rand();
    this.vol = v < 0.3 ? 0.5 : v < 0.85 ? 1 : 2.5;
    this.anchor = this.price;
    this.left = 600 + Math.floor(this.rand() * 7200);
  }

  /** The next price, on the tick grid. */
  next(): number {
    if (this.left-- <= 0) this.switchRegime();
    const shock = this.baseVol * this.vol * normal(this.rand);
    const pull = this.ranging ? 0.002 * Math.log(this.anchor / this.price) : 0;
    this.price *= Math.exp(this.drift + pull + shock);
    const ticks = Math.max(1, Math.round(this.price / this.tick));
    return ticks * this.tick;
  }

  /** A volume draw for one step. */
  volume(): number {
    return Math.round(this.rand() * 1000) / 100;
  }
}
