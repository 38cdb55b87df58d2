// The live dashboard: scrapes this engine's /metrics (Prometheus text) and /dashboard/top-products.json every second,
// turns counters into per-second rates and histogram buckets into percentiles (by differencing two scrapes, as
// Prometheus' rate and histogram_quantile do), and draws them with uPlot. No build step, no other network.
"use strict";

(function () {
  const PERIOD_MS = 1000;
  const HISTORY_POINTS = 300; // five minutes at one scrape a second
  const PALETTE = ["#2f6fdb", "#e0672c", "#2a9d5b", "#b23ab8", "#c99a06", "#17a2b8", "#d6336c", "#6c757d"];

  // ---- Prometheus text format -------------------------------------------------------------------------------------

  /** Parses the exposition format into name → [{ labels, value }]. Comments and blank lines are skipped. */
  function parseMetrics(text) {
    const metrics = new Map();
    const labelPattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
    for (const raw of text.split("\n")) {
      const line = raw.trim();
      if (line === "" || line.startsWith("#")) continue;
      const brace = line.indexOf("{");
      const space = brace >= 0 ? line.indexOf(" ", line.lastIndexOf("}")) : line.indexOf(" ");
      if (space < 0) continue;
      const name = brace >= 0 ? line.slice(0, brace) : line.slice(0, space);
      const labels = {};
      if (brace >= 0) {
        const body = line.slice(brace + 1, line.lastIndexOf("}"));
        for (const m of body.matchAll(labelPattern)) labels[m[1]] = m[2].replace(/\\(.)/g, (_, c) => (c === "n" ? "\n" : c));
      }
      const value = parseValue(line.slice(space + 1).trim().split(" ")[0]);
      if (!metrics.has(name)) metrics.set(name, []);
      metrics.get(name).push({ labels, value });
    }
    return metrics;
  }

  function parseValue(s) {
    if (s === "+Inf") return Infinity;
    if (s === "-Inf") return -Infinity;
    const v = Number(s);
    return Number.isNaN(v) ? null : v;
  }

  /** The sum of a metric's series, or null when the engine exports none (yet). */
  function total(metrics, name) {
    const series = metrics.get(name);
    if (!series) return null;
    return series.reduce((sum, s) => sum + (s.value ?? 0), 0);
  }

  /** A metric's values summed by one label: { labelValue → value }. */
  function byLabel(metrics, name, label) {
    const out = {};
    for (const s of metrics.get(name) ?? []) {
      const key = s.labels[label] ?? "";
      out[key] = (out[key] ?? 0) + (s.value ?? 0);
    }
    return out;
  }

  /** A histogram's cumulative buckets, [{ le, count }] by upper bound (the last is +Inf). */
  function buckets(metrics, name) {
    const byBound = new Map();
    for (const s of metrics.get(name + "_bucket") ?? []) {
      const le = parseValue(s.labels.le);
      if (le === null) continue;
      byBound.set(le, (byBound.get(le) ?? 0) + (s.value ?? 0));
    }
    return [...byBound.entries()].sort((a, b) => a[0] - b[0]).map(([le, count]) => ({ le, count }));
  }

  /** Counts that fell into the buckets between two scrapes (null after a restart of the engine). */
  function bucketDelta(now, before) {
    if (before.length !== now.length) return null;
    const delta = now.map((b, i) => ({ le: b.le, count: b.count - before[i].count }));
    return delta.some((b) => b.count < 0) ? null : delta;
  }

  /**
   * The q-quantile of cumulative buckets, interpolated linearly inside its bucket as Prometheus' histogram_quantile
   * does; null with no observations. A quantile in the +Inf bucket is reported as the highest finite bound.
   */
  function quantile(q, cumulative) {
    if (cumulative.length === 0) return null;
    const count = cumulative[cumulative.length - 1].count;
    if (!(count > 0)) return null;
    const rank = q * count;
    let lower = 0;
    let below = 0;
    for (const b of cumulative) {
      if (b.count >= rank) {
        if (b.le === Infinity) return lower;
        const inBucket = b.count - below;
        return inBucket > 0 ? lower + (b.le - lower) * ((rank - below) / inBucket) : b.le;
      }
      lower = b.le;
      below = b.count;
    }
    return lower;
  }

  // ---- history ----------------------------------------------------------------------------------------------------

  /** Time-aligned series for a chart whose series may appear later (a new stage, guardrail or reason). */
  class History {
    constructor(fixedKeys) {
      this.times = [];
      this.series = new Map((fixedKeys ?? []).map((k) => [k, []]));
    }

    push(time, values) {
      this.times.push(time);
      for (const key of Object.keys(values)) {
        if (!this.series.has(key)) this.series.set(key, new Array(this.times.length - 1).fill(null));
      }
      for (const [key, points] of this.series) points.push(values[key] ?? null);
      if (this.times.length > HISTORY_POINTS) {
        this.times.shift();
        for (const points of this.series.values()) points.shift();
      }
    }

    keys() {
      return [...this.series.keys()];
    }

    data() {
      return [this.times, ...this.keys().map((k) => this.series.get(k))];
    }
  }

  // ---- charts -----------------------------------------------------------------------------------------------------

  function widthOf(el) {
    return Math.max(300, el.clientWidth);
  }

  /** A y range that is never NaN: from 0 to a bit above the largest value, or 0–1 with nothing to show. */
  function zeroBased(u, min, max) {
    return [0, Number.isFinite(max) && max > 0 ? max * 1.1 : 1];
  }

  function format(value, digits) {
    return value === null || value === undefined || !Number.isFinite(value) ? "–" : value.toFixed(digits);
  }

  /** A line chart over the last five minutes, rebuilt when its set of series changes. */
  class TimeChart {
    constructor(elementId, unit, digits, history) {
      this.el = document.getElementById(elementId);
      this.unit = unit;
      this.digits = digits;
      this.history = history;
      this.plot = null;
      this.shape = "";
    }

    update() {
      const keys = this.history.keys();
      const shape = keys.join("\u0000");
      if (this.plot === null || shape !== this.shape) {
        if (this.plot !== null) this.plot.destroy();
        this.shape = shape;
        this.plot = new uPlot(this.options(keys), this.history.data(), this.el);
      } else {
        this.plot.setData(this.history.data());
      }
      // Unless the pointer is on the chart, the legend shows the latest values.
      if (this.plot.cursor.left === undefined || this.plot.cursor.left < 0) {
        const last = this.history.times.length - 1;
        if (last >= 0) this.plot.setLegend({ idx: last });
      }
    }

    options(keys) {
      const digits = this.digits;
      const unit = this.unit;
      return {
        width: widthOf(this.el),
        height: 220,
        scales: {
          x: {
            time: true,
            // The last five minutes at most, one minute at least, from the first scrape on.
            range: () => {
              const now = Date.now() / 1000;
              const first = this.history.times.length > 0 ? this.history.times[0] : now;
              return [Math.max(now - HISTORY_POINTS * (PERIOD_MS / 1000), Math.min(now - 60, first)), now];
            },
          },
          y: { range: zeroBased },
        },
        axes: [
          {},
          { label: unit, size: 60, values: (u, splits) => splits.map((v) => format(v, v !== 0 && Math.abs(v) < 10 ? Math.max(digits, 1) : 0)) },
        ],
        series: [
          { value: "{HH}:{mm}:{ss}" },
          ...keys.map((key, i) => ({
            label: key,
            stroke: PALETTE[i % PALETTE.length],
            width: 1.5,
            spanGaps: false,
            value: (u, v) => (v === null || v === undefined ? "–" : `${format(v, digits)} ${unit}`),
          })),
        ],
      };
    }

    resize() {
      if (this.plot !== null) this.plot.setSize({ width: widthOf(this.el), height: 220 });
    }
  }

  /** Bars over a histogram's buckets: the share of all observations in each, since start. */
  class DistributionChart {
    constructor(elementId, label) {
      this.el = document.getElementById(elementId);
      this.label = label;
      this.plot = null;
      this.bounds = [];
    }

    update(cumulative) {
      const finite = cumulative.filter((b) => Number.isFinite(b.le));
      const count = cumulative.length === 0 ? 0 : cumulative[cumulative.length - 1].count;
      const shares = finite.map((b, i) => (count > 0 ? (100 * (b.count - (i === 0 ? 0 : finite[i - 1].count))) / count : null));
      const bounds = finite.map((b) => b.le);
      const data = [bounds.map((_, i) => i), shares];
      if (this.plot === null || bounds.join() !== this.bounds.join()) {
        if (this.plot !== null) this.plot.destroy();
        this.bounds = bounds;
        this.plot = new uPlot(this.options(bounds), data, this.el);
      } else {
        this.plot.setData(data);
      }
    }

    options(bounds) {
      const names = bounds.map((le, i) => `${i === 0 ? 0 : bounds[i - 1]}–${le}`);
      return {
        width: widthOf(this.el),
        height: 220,
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: false, range: () => [-0.5, Math.max(0, bounds.length - 0.5)] },
          y: { range: zeroBased },
        },
        axes: [
          { label: this.label, splits: () => bounds.map((_, i) => i), values: (u, splits) => splits.map((i) => String(bounds[i] ?? "")) },
          { label: "% of decisions", size: 60 },
        ],
        series: [
          { label: "bucket", value: (u, i) => (i === null || names[i] === undefined ? "–" : names[i]) },
          {
            label: "share",
            fill: "rgba(47, 111, 219, 0.35)",
            stroke: PALETTE[0],
            paths: uPlot.paths.bars({ size: [0.8, 60] }),
            points: { show: false },
            value: (u, v) => (v === null || v === undefined ? "–" : `${format(v, 1)} %`),
          },
        ],
      };
    }

    resize() {
      if (this.plot !== null) this.plot.setSize({ width: widthOf(this.el), height: 220 });
    }
  }

  // ---- the page ---------------------------------------------------------------------------------------------------

  const throughput = new History(["events received", "decisions"]);
  const latency = new History(["p50", "p90", "p99"]);
  const lag = new History(["lag"]);
  const stages = new History();
  const offers = new History();
  const deadLetters = new History();

  const charts = [
    new TimeChart("chart-throughput", "per s", 1, throughput),
    new TimeChart("chart-latency", "ms", 2, latency),
    new TimeChart("chart-lag", "records", 0, lag),
    new TimeChart("chart-stages", "per s", 1, stages),
    new TimeChart("chart-offers", "per s", 1, offers),
    new TimeChart("chart-dead-letters", "per s", 1, deadLetters),
  ];
  const conversion = new DistributionChart("chart-conversion", "conversion probability (bucket upper bound)");
  const friction = new DistributionChart("chart-friction", "friction score (bucket upper bound)");

  let previous = null;

  /** Per-second rates of labelled counters between two scrapes; a counter that went down (a restart) gives none. */
  function rates(now, before, seconds) {
    const out = {};
    for (const [key, value] of Object.entries(now)) {
      const earlier = before[key] ?? 0;
      out[key] = value >= earlier ? (value - earlier) / seconds : null;
    }
    return out;
  }

  function rate(now, before, seconds) {
    if (now === null) return null;
    const earlier = before ?? 0;
    return now >= earlier ? (now - earlier) / seconds : null;
  }

  function setText(id, text) {
    document.getElementById(id).textContent = text;
  }

  function totalsLine(id, counts) {
    const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
    setText(id, entries.length === 0 ? "none since start" : "since start: " + entries.map(([k, v]) => `${k} ${v.toLocaleString("en")}`).join(" · "));
  }

  function sample(metrics, time) {
    return {
      time,
      received: total(metrics, "journeys_events_received_total"),
      decisions: total(metrics, "journeys_decisions_total"),
      latency: buckets(metrics, "journeys_decision_duration_seconds"),
      lag: total(metrics, "journeys_kafka_consumer_lag"),
      stages: byLabel(metrics, "journeys_decision_stages_total", "stage"),
      offers: byLabel(metrics, "journeys_price_offers_total", "guardrail"),
      deadLetters: byLabel(metrics, "journeys_dead_letters_total", "reason"),
      sessions: total(metrics, "journeys_sessions_live"),
      conversion: buckets(metrics, "journeys_decision_conversion"),
      friction: buckets(metrics, "journeys_decision_friction"),
    };
  }

  function record(now, before) {
    const seconds = now.time - before.time;
    const t = now.time;
    const decisionsPerSecond = rate(now.decisions, before.decisions, seconds);
    throughput.push(t, { "events received": rate(now.received, before.received, seconds), decisions: decisionsPerSecond });
    const delta = bucketDelta(now.latency, before.latency);
    const ms = (q) => {
      const v = delta === null ? null : quantile(q, delta);
      return v === null ? null : v * 1000;
    };
    const p99 = ms(0.99);
    latency.push(t, { p50: ms(0.5), p90: ms(0.9), p99 });
    lag.push(t, { lag: now.lag });
    stages.push(t, rates(now.stages, before.stages, seconds));
    offers.push(t, rates(now.offers, before.offers, seconds));
    deadLetters.push(t, rates(now.deadLetters, before.deadLetters, seconds));

    const shown = decisionsPerSecond ?? 0;
    const tile = document.getElementById("decisions-per-second");
    tile.textContent = format(shown, 1);
    tile.dataset.value = String(shown);
    setText("latency-p99", p99 === null ? "– ms" : `${format(p99, p99 < 10 ? 2 : 0)} ms`);
  }

  function show(now) {
    setText("lag", now.lag === null ? "no partitions" : `${now.lag.toLocaleString("en")} ${now.lag === 1 ? "record" : "records"}`);
    setText("decisions-total", (now.decisions ?? 0).toLocaleString("en"));
    setText("dead-letters-total", Object.values(now.deadLetters).reduce((a, b) => a + b, 0).toLocaleString("en"));
    setText("sessions-live", now.sessions === null ? "–" : now.sessions.toLocaleString("en"));
    totalsLine("totals-stages", now.stages);
    totalsLine("totals-offers", now.offers);
    totalsLine("totals-dead-letters", now.deadLetters);
    for (const chart of charts) chart.update();
    conversion.update(now.conversion);
    friction.update(now.friction);
  }

  function showTopProducts(top) {
    setText("halve-every", `${top.halveEvery.toLocaleString("en")} recommendations`);
    const body = document.querySelector("#top-products tbody");
    body.replaceChildren();
    if (top.products.length === 0) {
      const row = body.insertRow();
      const cell = row.insertCell();
      cell.colSpan = 4;
      cell.className = "muted";
      cell.textContent = "no recommendations yet";
      return;
    }
    top.products.forEach((p, i) => {
      const row = body.insertRow();
      row.insertCell().textContent = String(i + 1);
      row.insertCell().textContent = p.product;
      const count = row.insertCell();
      count.className = "num";
      count.textContent = p.maxOvercount > 0 ? `${p.count.toLocaleString("en")} (≤ ${p.maxOvercount} over)` : p.count.toLocaleString("en");
      row.insertCell().textContent = p.reasons.map((r) => `${r.reason} ${r.count.toLocaleString("en")}`).join(" · ");
    });
  }

  async function tick() {
    const started = performance.now();
    try {
      const [metricsResponse, topResponse] = await Promise.all([
        fetch("metrics", { cache: "no-store" }),
        fetch("dashboard/top-products.json", { cache: "no-store" }),
      ]);
      if (!metricsResponse.ok) throw new Error(`/metrics answered ${metricsResponse.status}`);
      if (!topResponse.ok) throw new Error(`/dashboard/top-products.json answered ${topResponse.status}`);
      const now = sample(parseMetrics(await metricsResponse.text()), Date.now() / 1000);
      if (previous !== null && now.time > previous.time) record(now, previous);
      previous = now;
      show(now);
      showTopProducts(await topResponse.json());
      const status = document.getElementById("status");
      status.className = "muted";
      status.textContent = `updated ${new Date().toLocaleTimeString("en-GB")} · every ${PERIOD_MS / 1000} s · scrape ${format(performance.now() - started, 0)} ms`;
    } catch (e) {
      const status = document.getElementById("status");
      status.className = "error";
      status.textContent = `cannot read the engine's figures: ${e.message} (retrying every ${PERIOD_MS / 1000} s)`;
    }
    setTimeout(tick, Math.max(0, PERIOD_MS - (performance.now() - started)));
  }

  window.addEventListener("resize", () => {
    for (const chart of charts) chart.resize();
    conversion.resize();
    friction.resize();
  });
  tick();
})();
