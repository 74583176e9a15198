/**
 * A small Prometheus text-format registry: counters, gauges read on demand, and latency
 * histograms. Hand-written because the exposition format is a few lines and the hot path
 * must not pay for a general-purpose library's label machinery.
 */

type Labels = Readonly<Record<string, string>>;

/** A monotonically increasing count, split by labels. */
export type Counter = { inc(labels?: Labels, by?: number): void };
/** A distribution of observed values (seconds), split by labels. */
export type Histogram = { observe(labels: Labels, value: number): void };

/** The registry the app writes to and `/metrics` reads. */
export type MetricsRegistry = {
  counter(name: string, help: string): Counter;
  histogram(name: string, help: string, buckets?: readonly number[]): Histogram;
  gauge(name: string, help: string, read: () => number): void;
  /** The whole registry in Prometheus text exposition format 0.0.4. */
  render(): string;
};

const defaultBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

const needsEscape = /[\\"\n]/;

function escapeLabelValue(value: string): string {
  if (!needsEscape.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

// Runs several times a request: a plain code-unit sort (any fixed order of label names will
// do) and no escaping work for the ordinary values that need none.
function labelKey(labels: Labels): string {
  let key = '';
  for (const name of Object.keys(labels).sort()) {
    key += `${key === '' ? '' : ','}${name}="${escapeLabelValue(labels[name] ?? '')}"`;
  }
  return key;
}

function braces(key: string, extra = ''): string {
  const inner = [key, extra].filter((part) => part !== '').join(',');
  return inner === '' ? '' : `{${inner}}`;
}

/** Creates an empty registry. */
export function createMetricsRegistry(): MetricsRegistry {
  const sections: (() => string)[] = [];

  return {
    counter(name, help) {
      const values = new Map<string, number>();
      sections.push(() => {
        const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} counter`];
        for (const [key, value] of values) lines.push(`${name}${braces(key)} ${value}`);
        return lines.join('\n');
      });
      return {
        inc(labels = {}, by = 1) {
          const key = labelKey(labels);
          values.set(key, (values.get(key) ?? 0) + by);
        },
      };
    },
    histogram(name, help, buckets = defaultBuckets) {
      const series = new Map<string, { counts: number[]; sum: number; count: number }>();
      sections.push(() => {
        const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} histogram`];
        for (const [key, s] of series) {
          buckets.forEach((bound, i) => {
            lines.push(`${name}_bucket${braces(key, `le="${bound}"`)} ${s.counts[i]}`);
          });
          lines.push(`${name}_bucket${braces(key, 'le="+Inf"')} ${s.count}`);
          lines.push(`${name}_sum${braces(key)} ${s.sum}`);
          lines.push(`${name}_count${braces(key)} ${s.count}`);
        }
        return lines.join('\n');
      });
      return {
        observe(labels, value) {
          const key = labelKey(labels);
          let s = series.get(key);
          if (s === undefined) {
            s = { counts: buckets.map(() => 0), sum: 0, count: 0 };
            series.set(key, s);
          }
          // In place: a new counts array per observation was garbage on every request.
          for (let i = 0; i < buckets.length; i++) {
            if (value <= (buckets[i] as number)) s.counts[i] = (s.counts[i] ?? 0) + 1;
          }
          s.sum += value;
          s.count += 1;
        },
      };
    },
    gauge(name, help, read) {
      sections.push(() => `# HELP ${name} ${help}\n# TYPE ${name} gauge\n${name} ${read()}`);
    },
    render() {
      return `${sections.map((section) => section()).join('\n')}\n`;
    },
  };
}
